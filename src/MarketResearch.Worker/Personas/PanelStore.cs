using System.Text.Json;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketResearch.Worker.Personas;

/// <summary>
/// Saves a generation job's panel in one round trip: the delete of whatever an earlier attempt of the job saved and the
/// insert of every persona (one row per array element) go as one batch, which Postgres runs as one implicit
/// transaction, so a re-run job replaces its panel all or nothing. The insert returns the saved rows' demographics, so
/// the fit is measured on the panel as saved without reading it again.
/// </summary>
/// <remarks>
/// Not EF's SaveChanges: its change tracking and per-row parameters cost ≈ 5 ms of CPU for 20 personas, and the first
/// panel of a new size in a worker without tiered JIT paid ≈ 13 ms more compiling them (BENCHMARKS.md). This statement's
/// code path is the same for every panel size.
/// </remarks>
internal static class PanelStore
{
    private const string DeleteSql = "DELETE FROM personas WHERE job_id = @job";

    private const string Rows = """
        FROM unnest(@ids, @project_ids, @job_ids, @slots, @names, @genders, @locales, @demographics, @traits, @archetypes,
            @seeds, @profiles, @citations, @generated_by, @created_at)
            AS i(id, project_id, job_id, slot, name, gender, locale, demographics, traits, archetype, seed, profile,
                citations, generated_by, created_at)
        """;

    private const string InsertSql = $"""
        INSERT INTO personas (id, project_id, job_id, slot, name, gender, locale, demographics, traits, archetype, seed,
            profile, citations, generated_by, created_at)
        SELECT i.id, i.project_id, i.job_id, i.slot, i.name, i.gender, i.locale, i.demographics::jsonb, i.traits::jsonb,
            i.archetype, i.seed, i.profile::jsonb, i.citations::jsonb, i.generated_by, i.created_at
        {Rows}
        RETURNING demographics::text
        """;

    // The insert's rows and answer without the insert: the same parameters are sent and the same column is read back.
    private const string RehearsalSql = $"""
        SELECT i.demographics::jsonb::text
        {Rows}
        """;

    /// <summary>Replaces the job's personas with <paramref name="personas"/>; answers the demographics of the rows saved.</summary>
    public static Task<IReadOnlyList<PersonaDemographics>> ReplaceAsync(
        ResearchDbContext db, Guid jobId, IReadOnlyList<Persona> personas, CancellationToken cancellationToken) =>
        RunAsync(db, () => [Delete(jobId), WithRows(InsertSql, personas)], cancellationToken);

    /// <summary>
    /// Sends a panel through the insert's parameters and reads the answer back with a statement that writes nothing: the
    /// worker's start-up rehearsal (<see cref="PersonaGenerationWarmUp"/>), which needs no project or job.
    /// </summary>
    public static Task<IReadOnlyList<PersonaDemographics>> RehearseAsync(
        ResearchDbContext db, IReadOnlyList<Persona> personas, CancellationToken cancellationToken) =>
        RunAsync(db, () => [WithRows(RehearsalSql, personas)], cancellationToken);

    private static async Task<IReadOnlyList<PersonaDemographics>> RunAsync(
        ResearchDbContext db, Func<IEnumerable<NpgsqlBatchCommand>> commands, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            await db.Database.OpenConnectionAsync(token);
            try
            {
                await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
                // Built per attempt: a retried batch gets its own commands.
                foreach (var command in commands())
                {
                    batch.BatchCommands.Add(command);
                }

                var saved = new List<PersonaDemographics>();
                await using var reader = await batch.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    saved.Add(new PersonaDemographics(Json<Dictionary<string, string>>(reader.GetString(0))));
                }

                return (IReadOnlyList<PersonaDemographics>)saved;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);
    }

    private static NpgsqlBatchCommand Delete(Guid jobId)
    {
        var delete = new NpgsqlBatchCommand(DeleteSql);
        delete.Parameters.AddWithValue("job", jobId);
        return delete;
    }

    private static NpgsqlBatchCommand WithRows(string sql, IReadOnlyList<Persona> personas)
    {
        var insert = new NpgsqlBatchCommand(sql);
        Add(insert, "ids", personas, persona => persona.Id);
        Add(insert, "project_ids", personas, persona => persona.ProjectId);
        Add(insert, "job_ids", personas, persona => persona.JobId);
        Add(insert, "slots", personas, persona => persona.Slot);
        Add(insert, "names", personas, persona => persona.Name);
        Add(insert, "genders", personas, persona => persona.Gender);
        Add(insert, "locales", personas, persona => persona.Locale);
        // The same JSON the EF model's converters write and read (JsonValueConverter: web defaults).
        Add(insert, "demographics", personas, persona => JsonSerializer.Serialize(persona.Demographics, JsonSerializerOptions.Web));
        Add(insert, "traits", personas, persona => JsonSerializer.Serialize(persona.Traits, JsonSerializerOptions.Web));
        Add(insert, "archetypes", personas, persona => persona.Archetype);
        Add(insert, "seeds", personas, persona => persona.Seed);
        Add(insert, "profiles", personas, persona => persona.Profile.RootElement.GetRawText());
        Add(insert, "citations", personas, persona => JsonSerializer.Serialize(persona.Citations, JsonSerializerOptions.Web));
        Add(insert, "generated_by", personas, persona => persona.GeneratedBy);
        Add(insert, "created_at", personas, persona => persona.CreatedAt);
        return insert;
    }

    private static void Add<T>(NpgsqlBatchCommand command, string name, IReadOnlyList<Persona> personas, Func<Persona, T> column) =>
        command.Parameters.Add(new NpgsqlParameter<T[]>(name, [.. personas.Select(column)]));

    private static T Json<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web)
        ?? throw new JsonException($"A saved row's JSON is not a {typeof(T).Name}.");
}

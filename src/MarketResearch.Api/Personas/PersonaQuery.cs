using System.Text;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MarketResearch.Api.Personas;

/// <summary>
/// A project's personas narrowed by a <see cref="PersonaFilter"/>. Demographics and traits are jsonb, which LINQ cannot
/// reach through their value converters, so the filter is SQL with parameters only; EF composes keyset paging on top,
/// and Postgres walks the (project_id, created_at, id) index in page order, checking each row against the filter.
/// </summary>
internal static class PersonaQuery
{
    public static IQueryable<Persona> Personas(this ResearchDbContext db, Guid projectId, PersonaFilter filter)
    {
        if (filter.IsEmpty)
        {
            return db.Personas.AsNoTracking().Where(persona => persona.ProjectId == projectId);
        }

        var sql = new StringBuilder("SELECT * FROM personas WHERE project_id = @project");
        var parameters = new List<NpgsqlParameter> { new("project", projectId) };
        string Add(object value, NpgsqlDbType type)
        {
            var name = $"p{parameters.Count}";
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            return $"@{name}";
        }

        if (filter.JobId is { } jobId)
        {
            sql.Append($" AND job_id = {Add(jobId, NpgsqlDbType.Uuid)}");
        }

        if (filter.Archetypes.Count > 0)
        {
            sql.Append($" AND archetype = ANY({Add(filter.Archetypes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        }

        foreach (var (category, values) in filter.Demographics)
        {
            sql.Append($" AND demographics ->> {Add(category, NpgsqlDbType.Text)} = ANY({Add(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        }

        foreach (var range in filter.Traits)
        {
            var score = $"(traits ->> {Add(PersonaTraitNames.Name(range.Trait), NpgsqlDbType.Text)})::double precision";
            if (range.Min is { } min)
            {
                sql.Append($" AND {score} >= {Add(min, NpgsqlDbType.Double)}");
            }

            if (range.Max is { } max)
            {
                sql.Append($" AND {score} <= {Add(max, NpgsqlDbType.Double)}");
            }
        }

        return db.Personas.FromSqlRaw(sql.ToString(), [.. parameters]).AsNoTracking();
    }

    /// <summary>The list projection: the profile's headline is extracted in SQL, so the rest of the jsonb never leaves Postgres.</summary>
    public static IQueryable<PersonaListItem> ListItems(this IQueryable<Persona> personas) => personas.Select(persona => new PersonaListItem
    {
        Id = persona.Id,
        ProjectId = persona.ProjectId,
        JobId = persona.JobId,
        Name = persona.Name,
        Locale = persona.Locale,
        Demographics = persona.Demographics,
        Traits = persona.Traits,
        Archetype = persona.Archetype,
        Headline = persona.Profile.RootElement.GetProperty("headline").GetString(),
        GeneratedBy = persona.GeneratedBy,
        CreatedAt = persona.CreatedAt,
    });
}

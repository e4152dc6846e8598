using System.Diagnostics.Metrics;
using System.Text.Json;
using MarketResearch.AI;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.ReadCache;
using MarketResearch.Worker.Jobs;
using MarketResearch.Worker.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Personas;

/// <summary>
/// Plans the panel (exact quotas, traits, names, adversarial mix), has the LLM write each profile, and saves the
/// panel in one transaction that first removes whatever an earlier attempt of this job saved: at-least-once runs,
/// exactly one panel. The fit statistic is computed on the rows as saved.
/// </summary>
internal sealed class PersonaGenerationHandler(
    IServiceScopeFactory scopes, StructuredCompletion structured, AIProviderStatus provider, PersonaGrounding grounding,
    IOptions<PersonaGenerationOptions> options, IMeterFactory meters, TimeProvider clock) : IJobHandler, IChangesProjectReads
{
    private readonly Counter<long> _generated = meters.Create("MarketResearch.Research").CreateCounter<long>("personas.generated", description: "Personas saved.");

    public string JobType => PersonaGenerationRequest.JobType;

    public IReadOnlyList<string> ChangedReadAreas { get; } = [ProjectReadVersions.Personas];

    public async Task<object?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<PersonaGenerationPayload>();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(row => row.Id == payload.ProjectId, cancellationToken)
            ?? throw new JobPayloadException("The project no longer exists.");

        var plan = PanelPlanner.Plan(new PanelRequest(project.Audience, project.Locale, payload.Count, payload.Seed,
            new AdversarialOptions(Enabled: payload.Adversarial)));
        // Progress is written in order beside the work: neither the first call nor the last waits for a progress insert.
        await using var events = new JobEventWriter(context, cancellationToken);
        events.Progress(0.05, $"Planned {plan.Blueprints.Count} personas");
        var knowledge = payload.UseKnowledge
            ? await grounding.ForPanelAsync(project, plan.Blueprints, cancellationToken)
            : plan.Blueprints.ToDictionary(blueprint => blueprint.Slot, _ => GroundingPassages.None);

        var profiles = new JsonDocument[plan.Blueprints.Count];
        var done = 0;
        await Parallel.ForEachAsync(plan.Blueprints, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ProfileConcurrency, CancellationToken = cancellationToken },
            async (blueprint, token) =>
            {
                profiles[blueprint.Slot] = await WriteProfileAsync(project.Name, project.Audience.Description, blueprint, knowledge[blueprint.Slot], token);
                var finished = Interlocked.Increment(ref done);
                if (finished % Math.Max(1, plan.Blueprints.Count / 10) == 0 || finished == plan.Blueprints.Count)
                {
                    events.Progress(0.05 + (0.85 * finished / plan.Blueprints.Count), $"Wrote {finished} of {plan.Blueprints.Count} profiles");
                }
            });

        var now = clock.GetUtcNow();
        var generatedBy = provider.IsOffline ? "offline" : provider.ChatModel;
        var personas = plan.Blueprints.Select(blueprint => Row(
            project.Id, context.JobId, project.Locale, blueprint, profiles[blueprint.Slot], knowledge[blueprint.Slot].Citations, generatedBy, now)).ToList();

        var saved = await PanelStore.ReplaceAsync(db, context.JobId, personas, cancellationToken);
        _generated.Add(personas.Count);

        events.Progress(1, $"Saved {personas.Count} personas");
        var fit = PanelFit.Measure(saved, plan.Audience);
        await events.FlushAsync();
        return new { count = personas.Count, offline = provider.IsOffline, fit };
    }

    /// <summary>A planned persona with its written profile, as saved.</summary>
    internal static Persona Row(
        Guid projectId, Guid jobId, string locale, PersonaBlueprint blueprint, JsonDocument profile,
        IReadOnlyList<Domain.Knowledge.KnowledgeCitation> citations, string generatedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ProjectId = projectId,
        JobId = jobId,
        Slot = blueprint.Slot,
        Name = blueprint.Name.FullName,
        Gender = blueprint.Demographics[Domain.Projects.AudienceCategories.Gender] ?? string.Empty,
        Locale = locale,
        Demographics = blueprint.Demographics.Values.ToDictionary(),
        Traits = blueprint.Traits.ByName().ToDictionary(),
        Archetype = blueprint.Archetype.ToString(),
        Seed = blueprint.Seed,
        Profile = profile,
        Citations = [.. citations],
        GeneratedBy = generatedBy,
        CreatedAt = now,
    };

    private async Task<JsonDocument> WriteProfileAsync(
        string projectName, string? audience, PersonaBlueprint blueprint, GroundingPassages knowledge, CancellationToken cancellationToken)
    {
        var demographics = blueprint.Demographics;
        var persona = new PersonaContext
        {
            Name = blueprint.Name.FullName,
            Age = AgeBand.TryParse(demographics[Domain.Projects.AudienceCategories.Age] ?? string.Empty, out var band) ? (band.Lowest + band.Highest) / 2 : null,
            Gender = demographics[Domain.Projects.AudienceCategories.Gender],
            IncomeBand = demographics[Domain.Projects.AudienceCategories.Income],
            Location = demographics[Domain.Projects.AudienceCategories.Location],
            Occupation = demographics[Domain.Projects.AudienceCategories.Occupation],
            Education = demographics[Domain.Projects.AudienceCategories.Education],
            BigFive = new BigFiveTraits(
                blueprint.Traits[PersonaTrait.Openness], blueprint.Traits[PersonaTrait.Conscientiousness], blueprint.Traits[PersonaTrait.Extraversion],
                blueprint.Traits[PersonaTrait.Agreeableness], blueprint.Traits[PersonaTrait.Neuroticism]),
        };
        var options = new ChatOptions().WithPersona(persona).WithSeed(blueprint.Seed).WithOperation("persona_profile");
        var prompt = PersonaPrompts.GroundedProfile(projectName, audience, blueprint, knowledge.PromptSection);
        var answer = await structured.CompleteAsync([new ChatMessage(ChatRole.System, PersonaPrompts.System), new ChatMessage(ChatRole.User, prompt)],
            ResearchSchemas.PersonaProfile, "persona_profile", options, cancellationToken);
        return JsonDocument.Parse(answer.Json.GetRawText());
    }
}

using System.Text.Json;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using MarketResearch.Worker.Knowledge;
using MarketResearch.Worker.Personas;
using Microsoft.Extensions.AI;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>What a rehearsed run produced: everything a real run saves, kept in memory and then dropped.</summary>
internal sealed record RehearsedFocusGroup(
    Project Project, FocusGroup Group, IReadOnlyList<Persona> Personas, IReadOnlyList<FocusGroupTurn> Turns, FocusGroupStatistics Statistics,
    JsonDocument Insights, DiscussionGraphData Graph, int LiveEvents);

/// <summary>
/// A focus group's own code run on a made-up panel with whatever chat client it is given (the worker gives the offline
/// simulator): panel to participants, the moderated rounds with follow-ups and ranked memory, turns to rows, statistics,
/// insights, the discussion graph. Nothing is saved.
/// </summary>
internal static class FocusGroupRehearsal
{
    // More questions than a persona recalls answers (Worker:FocusGroups:MemoryAnswers, 3) so recall ranks by embedding.
    private static readonly string[] Questions =
    [
        "What do you think about a meal-kit subscription for 39 zł a week?",
        "What worries you most about ordering food online?",
        "Would you recommend a meal-kit service to your friends?",
        "What would make you cancel such a subscription?",
    ];

    // Any seed: the panel is thrown away.
    private const long Seed = 1;

    public static async Task<RehearsedFocusGroup> RunAsync(
        StructuredCompletion structured, IEmbeddingGenerator<string, Embedding<float>> embeddings, IDiscussionExtractor extractor,
        DiscussionGraphOptions graphOptions, FocusGroupOptions options, int participants, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var project = Project.Create(new ProjectDraft("Rehearsal", Objectives: "Rehearse a focus group"), now);
        var plan = PanelPlanner.Plan(new PanelRequest(TargetAudience.Empty, Locales.English, participants, Seed, AdversarialOptions.On));
        using var profile = JsonDocument.Parse("""{"headline":"A rehearsal persona","communicationStyle":"direct","decisionStyle":"careful"}""");
        var personas = plan.Blueprints.Select(blueprint => PersonaGenerationHandler.Row(
            project.Id, Guid.Empty, Locales.English, blueprint, profile, [], "rehearsal", now)).ToList();
        var group = new FocusGroup
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = project.Id,
            PersonaIds = [.. personas.Select(persona => persona.Id)],
            Questions = [.. Questions],
            ModeratorFollowUps = true,
            CreatedAt = now,
        };

        var live = new SerializingTranscript();
        var moderator = new FocusGroupModerator(structured, embeddings, options, live, clock);
        var (transcript, embedded) = await moderator.DiscussAsync(
            new DiscussionBrief(project.Name, group.Questions, group.ModeratorFollowUps, [.. personas.Select(FocusGroupParticipant.From)]), cancellationToken);
        var turns = FocusGroupRunHandler.Rows(transcript, group.Id, Guid.Empty);
        var graph = await new DiscussionGraphBuilder(extractor, graphOptions)
            .BuildAsync(FocusGroupDiscussionSource.Describe(group.Id, project.Id, personas, turns), cancellationToken);
        await embedded;
        FocusGroupRunHandler.AttachEmbeddings(turns, transcript);

        var statistics = FocusGroupStatistics.Compute(transcript, group.Questions.Count, personas.Count, options);
        var insights = await new FocusGroupInsightWriter(structured, options).WriteAsync(project, group.Questions, transcript, statistics, GroundingPassages.None, cancellationToken);
        return new RehearsedFocusGroup(project, group, personas, turns, statistics, insights, graph, live.Events);
    }

    /// <summary>Serializes each live event as the job's event writer would, and sends it nowhere.</summary>
    private sealed class SerializingTranscript : ILiveTranscript
    {
        private int _events;

        public int Events => Volatile.Read(ref _events);

        public void Spoken(DiscussionTurn turn)
        {
            using var data = JsonSerializer.SerializeToDocument(turn.ToEvent(), JsonSerializerOptions.Web);
            Interlocked.Increment(ref _events);
        }

        public void Progress(double fraction, string message) => Interlocked.Increment(ref _events);
    }
}

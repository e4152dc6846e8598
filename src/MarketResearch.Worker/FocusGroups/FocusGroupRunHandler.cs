using System.Diagnostics.Metrics;
using System.Text.Json;
using MarketResearch.AI;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.ReadCache;
using MarketResearch.Worker.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>
/// Runs a focus group: the moderated discussion, our statistics, the model's insights; then saves the transcript and
/// insights in one transaction that first removes whatever an earlier attempt of this job saved (at-least-once runs,
/// exactly one transcript per run).
/// </summary>
internal sealed class FocusGroupRunHandler(
    IServiceScopeFactory scopes, StructuredCompletion structured, IEmbeddingGenerator<string, Embedding<float>> embeddings,
    AIProviderStatus provider, IOptions<FocusGroupOptions> options, IMeterFactory meters, TimeProvider clock) : IJobHandler, IChangesProjectReads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Counter<long> _completed = meters.Create("MarketResearch.Research").CreateCounter<long>("focus_groups.completed", description: "Focus-group runs completed.");

    public string JobType => FocusGroupRunPayload.JobType;

    public IReadOnlyList<string> ChangedReadAreas { get; } = [ProjectReadVersions.FocusGroups];

    public async Task<object?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<FocusGroupRunPayload>();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
        var group = await FindGroupAsync(db, payload.FocusGroupId, cancellationToken)
            ?? throw new JobPayloadException("The focus group no longer exists.");
        var project = await FindProjectAsync(db, group.ProjectId, cancellationToken)
            ?? throw new JobPayloadException("The focus group's project no longer exists.");
        var personas = await FindPersonasAsync(db, group.PersonaIds, group.ProjectId, cancellationToken);
        if (personas.Count == 0)
        {
            throw new JobPayloadException("None of the focus group's personas exist any more.");
        }

        // The group's chosen order, so digests and follow-up choices are the same on every attempt.
        var participants = group.PersonaIds.Select(id => personas.FirstOrDefault(p => p.Id == id)).OfType<Domain.Personas.Persona>()
            .Select(FocusGroupParticipant.From).ToList();
        await using var events = new JobEventWriter(context, cancellationToken);
        var live = new LiveTranscript(events);
        live.Progress(0.01, $"Discussing {group.Questions.Count} questions with {participants.Count} personas");

        var settings = options.Value;
        // Round 1's calls need neither the status write nor the knowledge search: both run beside it.
        var statusWrite = SetStatusAsync(db, group.Id, context.JobId, FocusGroupStatus.Running, cancellationToken);
        var grounding = FocusGroupGrounding.SearchAsync(scopes, project, group.Questions, cancellationToken);
        var moderator = new FocusGroupModerator(structured, embeddings, settings, live, clock);
        var discussing = moderator.DiscussAsync(new DiscussionBrief(project.Name, group.Questions, group.ModeratorFollowUps, participants), cancellationToken);
        await Task.WhenAll(statusWrite, discussing);
        var (transcript, embedded) = await discussing;
        var turns = Rows(transcript, group.Id, context.JobId);
        // The graph reads only the words and who sided with whom, so its extraction calls (which wait on the model as
        // long as the insights call does) start before the last answers are embedded; it is stored as soon as it is built.
        var graphStoring = BuildAndStoreGraphAsync(group, personas, turns, cancellationToken);
        try
        {
            await embedded;
            AttachEmbeddings(turns, transcript);

            var statistics = FocusGroupStatistics.Compute(transcript, group.Questions.Count, participants.Count, settings);
            live.Progress(0.92, "Writing insights");
            var insightsWriting = WriteInsightsAsync(context.JobId, group, project, transcript, statistics, grounding, cancellationToken);
            await SaveReplacingEarlierAttemptsAsync(db, group.Id, context.JobId, turns, insightsWriting, cancellationToken);
        }
        finally
        {
            // Never left running behind a failed run.
            await Task.WhenAny(graphStoring);
        }

        var graph = await graphStoring;
        _completed.Add(1);
        live.Progress(1, $"Saved {turns.Count} turns and the insights");
        await events.FlushAsync();
        return new { turns = turns.Count, participants = participants.Count, questions = group.Questions.Count, offline = provider.IsOffline, graph = new { nodes = graph.Nodes.Count, edges = graph.Edges.Count } };
    }

    private async Task<FocusGroupInsight> WriteInsightsAsync(Guid jobId, FocusGroup group, Domain.Projects.Project project,
        IReadOnlyList<DiscussionTurn> transcript, FocusGroupStatistics statistics, Task<Knowledge.GroundingPassages> grounding, CancellationToken cancellationToken)
    {
        var insights = await new FocusGroupInsightWriter(structured, options.Value).WriteAsync(project, group.Questions, transcript, statistics, await grounding, cancellationToken);
        return InsightRow(jobId, group.Id, insights, statistics, provider.IsOffline ? "offline" : provider.ChatModel, clock.GetUtcNow());
    }

    /// <summary>The insights and our statistics as the row saved for the job.</summary>
    internal static FocusGroupInsight InsightRow(Guid jobId, Guid groupId, JsonDocument insights, FocusGroupStatistics statistics, string generatedBy, DateTimeOffset createdAt) => new()
    {
        JobId = jobId,
        FocusGroupId = groupId,
        Insights = insights,
        Statistics = JsonSerializer.SerializeToDocument(statistics, Json),
        GeneratedBy = generatedBy,
        PromptVersion = FocusGroupPrompts.Versions,
        CreatedAt = createdAt,
    };

    /// <summary>The discussion graph is a projection of the transcript; replacing it keeps a re-run harmless.</summary>
    private async Task<DiscussionGraphData> BuildAndStoreGraphAsync(
        FocusGroup group, IReadOnlyList<Domain.Personas.Persona> personas, IReadOnlyList<FocusGroupTurn> turns, CancellationToken cancellationToken)
    {
        // Its own scope (and DbContext): it runs while the transcript is being saved.
        await using var scope = scopes.CreateAsyncScope();
        var graph = await scope.ServiceProvider.GetRequiredService<DiscussionGraphBuilder>()
            .BuildAsync(FocusGroupDiscussionSource.Describe(group.Id, group.ProjectId, personas, turns), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<IGraphStore>().ReplaceAsync(graph, cancellationToken);
        return graph;
    }

    internal static Task<FocusGroup?> FindGroupAsync(ResearchDbContext db, Guid groupId, CancellationToken cancellationToken) =>
        db.FocusGroups.AsNoTracking().FirstOrDefaultAsync(row => row.Id == groupId, cancellationToken);

    internal static Task<Domain.Projects.Project?> FindProjectAsync(ResearchDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().FirstOrDefaultAsync(row => row.Id == projectId, cancellationToken);

    internal static Task<List<Domain.Personas.Persona>> FindPersonasAsync(ResearchDbContext db, IReadOnlyList<Guid> personaIds, Guid projectId, CancellationToken cancellationToken) =>
        db.Personas.AsNoTracking().Where(row => personaIds.Contains(row.Id) && row.ProjectId == projectId).ToListAsync(cancellationToken);

    /// <summary>The transcript as the rows saved for the job.</summary>
    internal static List<FocusGroupTurn> Rows(IReadOnlyList<DiscussionTurn> transcript, Guid groupId, Guid jobId) => transcript.Select(turn => new FocusGroupTurn
    {
        Id = Guid.CreateVersion7(turn.CreatedAt),
        FocusGroupId = groupId,
        JobId = jobId,
        Sequence = turn.Sequence,
        QuestionIndex = turn.QuestionIndex,
        Round = turn.Round,
        SpeakerPersonaId = turn.Speaker?.Id,
        SpeakerName = turn.SpeakerName,
        Text = turn.Text,
        Sentiment = turn.Sentiment,
        ModelSentiment = turn.ModelSentiment,
        LexiconSentiment = turn.LexiconSentiment,
        AgreesWith = [.. turn.AgreesWith],
        DisagreesWith = [.. turn.DisagreesWith],
        CreatedAt = turn.CreatedAt,
    }).ToList();

    /// <summary>Copies the answers' vectors, embedded in the background, onto their rows.</summary>
    internal static void AttachEmbeddings(List<FocusGroupTurn> turns, IReadOnlyList<DiscussionTurn> transcript)
    {
        for (var index = 0; index < turns.Count; index++)
        {
            turns[index].Embedding = transcript[index].Embedding;
        }
    }

    internal static Task SetStatusAsync(ResearchDbContext db, Guid groupId, Guid jobId, FocusGroupStatus status, CancellationToken cancellationToken) =>
        // Only while this job is the group's latest run: an older, retried job must not overwrite a newer run's status.
        db.FocusGroups.Where(row => row.Id == groupId && row.LastJobId == jobId)
            .ExecuteUpdateAsync(update => update.SetProperty(row => row.Status, status), cancellationToken);

    internal static Task MarkCompletedAsync(ResearchDbContext db, Guid groupId, Guid jobId, DateTimeOffset completedAt, CancellationToken cancellationToken) =>
        db.FocusGroups.Where(row => row.Id == groupId && row.LastJobId == jobId)
            .ExecuteUpdateAsync(update => update.SetProperty(row => row.Status, FocusGroupStatus.Completed).SetProperty(row => row.CompletedAt, completedAt), cancellationToken);

    /// <summary>Removes whatever an earlier attempt of the job saved.</summary>
    internal static async Task DeleteEarlierAttemptAsync(ResearchDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        await db.FocusGroupTurns.Where(row => row.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        await db.FocusGroupInsights.Where(row => row.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// One transaction replaces whatever an earlier attempt of this job saved with the transcript and the insights and
    /// completes the group. The transcript's rows go in while the model is still writing the insights, which then
    /// join them before the commit: nothing is visible half-written, and the insert costs no time after the last call.
    /// </summary>
    private static async Task SaveReplacingEarlierAttemptsAsync(
        ResearchDbContext db, Guid groupId, Guid jobId, List<FocusGroupTurn> turns, Task<FocusGroupInsight> insightsWriting, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DeleteEarlierAttemptAsync(db, jobId, cancellationToken);
            db.FocusGroupTurns.AddRange(turns);
            await db.SaveChangesAsync(cancellationToken);
            var insight = await insightsWriting;
            db.FocusGroupInsights.Add(insight);
            await db.SaveChangesAsync(cancellationToken);
            await MarkCompletedAsync(db, groupId, jobId, insight.CreatedAt, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
    }
}

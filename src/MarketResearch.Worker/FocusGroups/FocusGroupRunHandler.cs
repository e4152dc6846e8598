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
        var group = await db.FocusGroups.AsNoTracking().FirstOrDefaultAsync(row => row.Id == payload.FocusGroupId, cancellationToken)
            ?? throw new JobPayloadException("The focus group no longer exists.");
        var project = await db.Projects.AsNoTracking().FirstAsync(row => row.Id == group.ProjectId, cancellationToken);
        var personas = await db.Personas.AsNoTracking().Where(row => group.PersonaIds.Contains(row.Id) && row.ProjectId == group.ProjectId).ToListAsync(cancellationToken);
        if (personas.Count == 0)
        {
            throw new JobPayloadException("None of the focus group's personas exist any more.");
        }

        // The group's chosen order, so digests and follow-up choices are the same on every attempt.
        var participants = group.PersonaIds.Select(id => personas.FirstOrDefault(p => p.Id == id)).OfType<Domain.Personas.Persona>()
            .Select(FocusGroupParticipant.From).ToList();
        await SetStatusAsync(db, group.Id, context.JobId, FocusGroupStatus.Running, cancellationToken);
        await context.ReportProgressAsync(0.01, $"Discussing {group.Questions.Count} questions with {participants.Count} personas", cancellationToken);

        var settings = options.Value;
        var grounding = FocusGroupGrounding.SearchAsync(scopes, project, group.Questions, cancellationToken);
        var moderator = new FocusGroupModerator(structured, embeddings, settings, context, clock);
        var transcript = await moderator.DiscussAsync(new DiscussionBrief(project.Name, group.Questions, group.ModeratorFollowUps, participants), cancellationToken);
        var statistics = FocusGroupStatistics.Compute(transcript, group.Questions.Count, participants.Count, settings);
        var turns = transcript.Select(turn => new FocusGroupTurn
        {
            Id = Guid.CreateVersion7(turn.CreatedAt),
            FocusGroupId = group.Id,
            JobId = context.JobId,
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
            Embedding = turn.Embedding,
            CreatedAt = turn.CreatedAt,
        }).ToList();
        await context.ReportProgressAsync(0.92, "Writing insights", cancellationToken);
        // The graph's extraction calls wait on the model as long as the insights call does: run them side by side, not one after the other.
        var graphBuilding = scope.ServiceProvider.GetRequiredService<DiscussionGraphBuilder>()
            .BuildAsync(FocusGroupDiscussionSource.Describe(group.Id, group.ProjectId, personas, turns), cancellationToken);
        var insightsWriting = new FocusGroupInsightWriter(structured, settings).WriteAsync(project, group.Questions, transcript, statistics, await grounding, cancellationToken);
        await Task.WhenAll(graphBuilding, insightsWriting);
        var insights = await insightsWriting;
        var graph = await graphBuilding;

        var now = clock.GetUtcNow();
        var insight = new FocusGroupInsight
        {
            JobId = context.JobId,
            FocusGroupId = group.Id,
            Insights = insights,
            Statistics = JsonSerializer.SerializeToDocument(statistics, Json),
            GeneratedBy = provider.IsOffline ? "offline" : provider.ChatModel,
            PromptVersion = FocusGroupPrompts.Versions,
            CreatedAt = now,
        };
        await SaveReplacingEarlierAttemptsAsync(db, group.Id, context.JobId, turns, insight, now, cancellationToken);
        // The discussion graph is a projection of the saved transcript; replacing it keeps a re-run harmless.
        await scope.ServiceProvider.GetRequiredService<IGraphStore>().ReplaceAsync(graph, cancellationToken);
        _completed.Add(1);
        await context.ReportProgressAsync(1, $"Saved {turns.Count} turns and the insights", cancellationToken);
        return new { turns = turns.Count, participants = participants.Count, questions = group.Questions.Count, offline = provider.IsOffline, graph = new { nodes = graph.Nodes.Count, edges = graph.Edges.Count } };
    }

    private static Task SetStatusAsync(ResearchDbContext db, Guid groupId, Guid jobId, FocusGroupStatus status, CancellationToken cancellationToken) =>
        // Only while this job is the group's latest run: an older, retried job must not overwrite a newer run's status.
        db.FocusGroups.Where(row => row.Id == groupId && row.LastJobId == jobId)
            .ExecuteUpdateAsync(update => update.SetProperty(row => row.Status, status), cancellationToken);

    private static async Task SaveReplacingEarlierAttemptsAsync(
        ResearchDbContext db, Guid groupId, Guid jobId, List<FocusGroupTurn> turns, FocusGroupInsight insight, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.FocusGroupTurns.Where(row => row.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
            await db.FocusGroupInsights.Where(row => row.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
            db.FocusGroupTurns.AddRange(turns);
            db.FocusGroupInsights.Add(insight);
            await db.SaveChangesAsync(cancellationToken);
            await db.FocusGroups.Where(row => row.Id == groupId && row.LastJobId == jobId)
                .ExecuteUpdateAsync(update => update.SetProperty(row => row.Status, FocusGroupStatus.Completed).SetProperty(row => row.CompletedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
    }
}

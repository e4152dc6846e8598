using MarketResearch.AI;
using MarketResearch.AI.Embeddings;
using MarketResearch.AI.Offline;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Domain.Persistence;
using MarketResearch.Worker.DiscussionGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>
/// Runs a focus group's own code once when the worker starts, with no effect and no call to a model provider: a
/// rehearsal (<see cref="FocusGroupRehearsal"/>) answered by the offline simulator, then the run's statements for ids
/// that match no row, in a transaction that is rolled back. The worker compiles every method fully optimised on its
/// first call (no tiered JIT), so without this a fresh worker's first focus group paid that compilation between its
/// rounds (BENCHMARKS.md).
/// </summary>
internal sealed partial class FocusGroupRunWarmUp(
    IServiceScopeFactory scopes, OfflineChatClient offline, IEmbeddingGenerator<string, Embedding<float>> embeddings, AIProviderStatus provider,
    LexicalDiscussionExtractor lexical, DiscussionGraphOptions graphOptions, IOptions<FocusGroupOptions> options, IOptions<LlmOptions> llm,
    TimeProvider clock, ILoggerFactory loggers) : BackgroundService, IStartUpRehearsal
{
    private readonly ILogger _logger = loggers.CreateLogger<FocusGroupRunWarmUp>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // A remote embedding provider would be called: no rehearsal then.
        if (settings.WarmUpParticipants == 0 || embeddings.GetService(typeof(MiniLmEmbeddingGenerator)) is null)
        {
            return;
        }

        // Off the host's start-up path: the worker is ready while this runs.
        await Task.Yield();
        var started = clock.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        try
        {
            var structured = new StructuredCompletion(offline, llm, loggers.CreateLogger<StructuredCompletion>());
            // The extractor a real run uses, but answered by the simulator when it is the model's.
            IDiscussionExtractor extractor = provider.IsOffline ? lexical : new ModelDiscussionExtractor(structured, loggers.CreateLogger<ModelDiscussionExtractor>());
            var rehearsed = await FocusGroupRehearsal.RunAsync(structured, embeddings, extractor, graphOptions, settings, settings.WarmUpParticipants, clock, stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
            await RehearseStatementsAsync(db, rehearsed, stoppingToken);
            var graphs = scope.ServiceProvider.GetRequiredService<IGraphStore>() as PostgresGraphStore;
            // An empty graph of a group that was never saved: its delete matches no row and there is nothing to insert.
            if (graphs is not null)
            {
                await graphs.ReplaceAsync(rehearsed.Graph with { Nodes = [], Edges = [] }, stoppingToken);
            }

            await FocusGroupGrounding.SearchAsync(scopes, rehearsed.Project, rehearsed.Group.Questions, stoppingToken);
            // Last, so that a save failing in an unexpected way costs the rehearsal nothing else.
            var refused = await RehearseSavesAsync(db, graphs, rehearsed, clock.GetUtcNow(), stoppingToken);
            // The process's CPU over the rehearsal (an upper bound: other start-up work runs beside it).
            LogRehearsed(_logger, rehearsed.Turns.Count, rehearsed.Personas.Count, refused, clock.GetElapsedTime(started).TotalMilliseconds, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only speed is lost: the first focus group compiles what this did not.
            LogWarmUpFailed(_logger, exception);
        }
    }

    /// <summary>
    /// The run's reads and writes for a group, project and job that do not exist (the rehearsal's ids are never saved),
    /// rolled back besides: every statement matches no row, so nothing is written.
    /// </summary>
    internal static async Task RehearseStatementsAsync(ResearchDbContext db, RehearsedFocusGroup rehearsed, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await FocusGroupRunHandler.FindGroupAsync(db, rehearsed.Group.Id, cancellationToken);
            await FocusGroupRunHandler.FindProjectAsync(db, rehearsed.Project.Id, cancellationToken);
            await FocusGroupRunHandler.FindPersonasAsync(db, rehearsed.Group.PersonaIds, rehearsed.Project.Id, cancellationToken);
            await FocusGroupRunHandler.SetStatusAsync(db, rehearsed.Group.Id, Guid.Empty, Domain.FocusGroups.FocusGroupStatus.Running, cancellationToken);
            await FocusGroupRunHandler.DeleteEarlierAttemptAsync(db, Guid.Empty, cancellationToken);
            await FocusGroupRunHandler.MarkCompletedAsync(db, rehearsed.Group.Id, Guid.Empty, rehearsed.Group.CreatedAt, cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The run's saves of the transcript, the insights and the graph, each sent in a read-only transaction: EF builds
    /// the inserts and Npgsql writes every parameter (vectors, arrays, JSON), and Postgres refuses them before it
    /// touches a row (SQLSTATE 25006), so nothing is written, not even a rolled-back tuple. Returns the saves refused.
    /// </summary>
    internal static async Task<int> RehearseSavesAsync(
        ResearchDbContext db, PostgresGraphStore? graphs, RehearsedFocusGroup rehearsed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var refused = await RefusedSaveAsync(db, () => db.FocusGroupTurns.AddRange(rehearsed.Turns), cancellationToken);
        // The job id is the insight's key: a made-up one, as for the group (an empty key is one EF refuses to track).
        var insight = FocusGroupRunHandler.InsightRow(Guid.CreateVersion7(now), rehearsed.Group.Id, rehearsed.Insights, rehearsed.Statistics, "rehearsal", now);
        refused += await RefusedSaveAsync(db, () => db.FocusGroupInsights.Add(insight), cancellationToken);
        if (graphs is not null && rehearsed.Graph.Nodes.Count > 0)
        {
            refused += await RefusedSaveAsync(db, () => graphs.AddRows(rehearsed.Graph), cancellationToken);
        }

        return refused;
    }

    private static async Task<int> RefusedSaveAsync(ResearchDbContext db, Action track, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
            track();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction })
            {
                return 1;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }

            // Unreachable while the transaction is read-only; never committed if it were not.
            await transaction.RollbackAsync(cancellationToken);
            throw new InvalidOperationException("A read-only transaction accepted the rehearsal's save.");
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rehearsed a focus group at start: {Turns} turns of {Participants} personas, {RefusedSaves} saves refused by a read-only transaction, nothing saved, in {ElapsedMs:0} ms ({ProcessCpuMs:0} ms of process CPU)")]
    private static partial void LogRehearsed(ILogger logger, int turns, int participants, int refusedSaves, double elapsedMs, double processCpuMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rehearsing a focus group at start failed")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}

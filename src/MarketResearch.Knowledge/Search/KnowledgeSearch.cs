using System.Diagnostics;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketResearch.Knowledge.Search;

/// <summary>
/// Hybrid search over one project's ready documents: Postgres full-text (GIN) and exact cosine over the cached
/// embeddings, fused by reciprocal rank. Used by the search endpoint, persona grounding and focus-group summaries.
/// The two halves run concurrently, the keyword half on a DbContext of its own scope (a context is not thread-safe).
/// </summary>
public sealed partial class KnowledgeSearch(
    ResearchDbContext db,
    IServiceScopeFactory scopes,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    QueryEmbeddingCache queryEmbeddings,
    ProjectVectorCache vectors,
    PgvectorAvailability pgvector,
    KnowledgeSearchTimings timings,
    ILogger<KnowledgeSearch> logger,
    IOptions<KnowledgeOptions> options)
{
    /// <summary>Field errors of a search request (empty when valid).</summary>
    public static Dictionary<string, string[]> Validate(string? query, int? top, KnowledgeOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(query))
        {
            errors["query"] = ["query is required."];
        }
        else if (query.Length > options.MaxQueryCharacters)
        {
            errors["query"] = [$"query must be at most {options.MaxQueryCharacters} characters."];
        }

        if (top is { } value && (value < 1 || value > options.MaxTop))
        {
            errors["top"] = [$"top must be between 1 and {options.MaxTop}."];
        }

        return errors;
    }

    public async Task<IReadOnlyList<KnowledgePassage>> SearchAsync(Guid projectId, string query, int? top, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (Validate(query, top, settings) is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(messages => messages)), nameof(query));
        }

        var count = top ?? settings.DefaultTop;
        timings.Clear();
        var total = Stopwatch.StartNew();
        var keywordTask = KeywordRankingInOwnScopeAsync(projectId, query, settings, cancellationToken);
        var vectorTask = VectorRankingAsync(projectId, query, settings, cancellationToken);
        await Task.WhenAll(keywordTask, vectorTask);
        var keyword = await keywordTask;
        var vector = await vectorTask;
        var fetch = Stopwatch.StartNew();
        var passages = await PassagesAsync(keyword, vector, count, settings, cancellationToken);
        timings.Record("fetch", fetch.Elapsed);
        timings.Record("search", total.Elapsed);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogTimings(logger, projectId, timings.ToServerTiming());
        }

        return passages;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Knowledge search in project {ProjectId}: {Timings}")]
    private static partial void LogTimings(ILogger logger, Guid projectId, string timings);

    private async Task<IReadOnlyList<KnowledgePassage>> PassagesAsync(
        List<Guid> keyword, IReadOnlyList<(Guid Id, float Similarity)> vector, int count, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        var fused = ReciprocalRankFusion.Fuse([keyword, vector.Select(hit => hit.Id).ToList()], settings.FusionK, count);
        if (fused.Count == 0)
        {
            return [];
        }

        var ids = fused.Select(result => result.Key).ToList();
        var rows = await db.KnowledgeChunks.AsNoTracking()
            .Where(chunk => ids.Contains(chunk.Id))
            .Join(db.KnowledgeDocuments, chunk => chunk.DocumentId, document => document.Id,
                (chunk, document) => new { chunk.Id, chunk.DocumentId, document.Name, chunk.Page, chunk.Section, chunk.Text })
            .ToDictionaryAsync(row => row.Id, cancellationToken);
        var similarity = vector.ToDictionary(hit => hit.Id, hit => hit.Similarity);
        return fused.Where(result => rows.ContainsKey(result.Key)).Select(result =>
        {
            var row = rows[result.Key];
            return new KnowledgePassage(row.DocumentId, row.Name, row.Id, row.Page, row.Section, row.Text, result.Score,
                result.Ranks[0], result.Ranks[1], similarity.TryGetValue(row.Id, out var cosine) ? Math.Round(cosine, 6) : null);
        }).ToList();
    }

    private async Task<List<Guid>> KeywordRankingInOwnScopeAsync(Guid projectId, string query, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        // Yield first so the vector half (MiniLM, CPU) starts while the keyword statements wait on Postgres.
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var keywordDb = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
        var ranked = await KeywordRankingAsync(keywordDb, projectId, query, settings, cancellationToken);
        timings.Record("keyword", clock.Elapsed);
        return ranked;
    }

    /// <summary>
    /// AND of the query's words first (every word present: few, relevant matches); OR only when that finds fewer than
    /// the candidates wanted, so rare-word questions still match partially. One statement: <see cref="KeywordStatement"/>.
    /// </summary>
    private static async Task<List<Guid>> KeywordRankingAsync(ResearchDbContext keywordDb, Guid projectId, string query, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        if (KeywordQuery.ToTsQuery(query, settings.MaxQueryTerms, requireAll: true) is not { } all
            || KeywordQuery.ToTsQuery(query, settings.MaxQueryTerms) is not { } any)
        {
            return [];
        }

        var strategy = keywordDb.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A transaction only so that the planner setting stays local to this statement.
            await using var transaction = await keywordDb.Database.BeginTransactionAsync(cancellationToken);
            await keywordDb.Database.ExecuteSqlRawAsync(KeywordStatement.PlannerSettings, cancellationToken);
            var ranked = await keywordDb.Database.SqlQueryRaw<Guid>(KeywordStatement.Sql,
                    KeywordStatement.Parameters(projectId, all, any, settings.KeywordRankedMatches, settings.CandidatesPerMethod))
                .ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ranked;
        });
    }

    private async Task<IReadOnlyList<(Guid Id, float Similarity)>> VectorRankingAsync(
        Guid projectId, string query, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        // MiniLM runs on the thread pool while this context checks the project's cached matrix (or pgvector).
        var embedding = EmbedAsync(query, cancellationToken);
        if (settings.VectorSearch == VectorSearchMode.Pgvector && await pgvector.IsAvailableAsync(db, cancellationToken))
        {
            return await PgvectorRanking.TopAsync(db, projectId, await embedding, settings.CandidatesPerMethod, cancellationToken);
        }

        var load = Stopwatch.StartNew();
        var matrix = await vectors.GetAsync(db, projectId, cancellationToken);
        timings.Record("matrix", load.Elapsed);
        var queryVector = await embedding;
        var scan = Stopwatch.StartNew();
        IReadOnlyList<(Guid Id, float Similarity)> hits = matrix.Count == 0 || matrix.Dimensions != queryVector.Length ? [] : matrix.TopK(queryVector, settings.CandidatesPerMethod);
        timings.Record("scan", scan.Elapsed);
        return hits;
    }

    /// <summary>The query's normalised embedding, from the cache when the same text was searched recently.</summary>
    private async Task<float[]> EmbedAsync(string query, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (queryEmbeddings.Find(query) is not { } vector)
        {
            var embedded = await Task.Run(() => embeddings.GenerateAsync([query], cancellationToken: cancellationToken), cancellationToken);
            vector = embedded[0].Vector.ToArray();
            VectorMatrix.Normalize(vector);
            queryEmbeddings.Add(query, vector);
        }

        timings.Record("embed", clock.Elapsed);
        return vector;
    }
}

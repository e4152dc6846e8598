using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.Knowledge.Search;

/// <summary>
/// Hybrid search over one project's ready documents: Postgres full-text (GIN) and exact cosine over the cached
/// embeddings, fused by reciprocal rank. Used by the search endpoint, persona grounding and focus-group summaries.
/// </summary>
public sealed class KnowledgeSearch(
    ResearchDbContext db,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    ProjectVectorCache vectors,
    PgvectorAvailability pgvector,
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
        var keyword = await KeywordRankingAsync(projectId, query, settings, cancellationToken);
        var vector = await VectorRankingAsync(projectId, query, settings, cancellationToken);
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

    /// <summary>
    /// AND of the query's words first (every word present: few, relevant matches); OR only when that finds fewer than
    /// the candidates wanted, so rare-word questions still match partially.
    /// </summary>
    private async Task<List<Guid>> KeywordRankingAsync(Guid projectId, string query, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        if (KeywordQuery.ToTsQuery(query, settings.MaxQueryTerms, requireAll: true) is not { } all)
        {
            return [];
        }

        var ranked = await KeywordMatchesAsync(projectId, all, settings, cancellationToken);
        if (ranked.Count >= settings.CandidatesPerMethod || KeywordQuery.ToTsQuery(query, settings.MaxQueryTerms) is not { } any || any == all)
        {
            return ranked;
        }

        // AND hits first, then the best OR hits not already there: a passage with every word outranks partial ones.
        var partial = await KeywordMatchesAsync(projectId, any, settings, cancellationToken);
        return ranked.Concat(partial.Except(ranked)).Take(settings.CandidatesPerMethod).ToList();
    }

    /// <summary>
    /// Ranks at most <see cref="KnowledgeOptions.KeywordRankedMatches"/> GIN matches: the LIMITed subquery bounds how many
    /// tsvectors ts_rank_cd reads (see the option for the trade-off).
    /// </summary>
    private async Task<List<Guid>> KeywordMatchesAsync(Guid projectId, string terms, KnowledgeOptions settings, CancellationToken cancellationToken) =>
        // Both configurations: chunks keep the one of their project's locale at ingestion time.
        await db.Database.SqlQuery<Guid>($"""
            WITH q AS (
                SELECT to_tsquery('english'::regconfig, {terms}) AS english, to_tsquery('simple'::regconfig, {terms}) AS simple),
            matched AS (
                SELECT c.id, c.search_vector, c.locale
                FROM knowledge_chunks c, q
                WHERE c.project_id = {projectId} AND (c.search_vector @@ q.english OR c.search_vector @@ q.simple)
                LIMIT {settings.KeywordRankedMatches})
            SELECT m.id AS "Value"
            FROM matched m, q
            ORDER BY ts_rank_cd(m.search_vector, CASE m.locale WHEN 'en' THEN q.english ELSE q.simple END) DESC, m.id
            LIMIT {settings.CandidatesPerMethod}
            """).ToListAsync(cancellationToken);

    private async Task<IReadOnlyList<(Guid Id, float Similarity)>> VectorRankingAsync(
        Guid projectId, string query, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        var embedded = await embeddings.GenerateAsync([query], cancellationToken: cancellationToken);
        var queryVector = embedded[0].Vector.ToArray();
        VectorMatrix.Normalize(queryVector);
        if (settings.VectorSearch == VectorSearchMode.Pgvector && await pgvector.IsAvailableAsync(db, cancellationToken))
        {
            return await PgvectorRankingAsync(projectId, queryVector, settings, cancellationToken);
        }

        var matrix = await vectors.GetAsync(db, projectId, cancellationToken);
        return matrix.Count == 0 || matrix.Dimensions != queryVector.Length ? [] : matrix.TopK(queryVector, settings.CandidatesPerMethod);
    }

    /// <summary>HNSW over inner product (vectors are normalised, so it orders by cosine); approximate by design.</summary>
    private async Task<IReadOnlyList<(Guid Id, float Similarity)>> PgvectorRankingAsync(
        Guid projectId, float[] queryVector, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<PgvectorHit>($"""
            SELECT id AS "Id", (-(embedding_vector <#> {queryVector}::real[]::vector))::real AS "Similarity"
            FROM knowledge_chunks
            WHERE project_id = {projectId} AND embedding_vector IS NOT NULL
            ORDER BY embedding_vector <#> {queryVector}::real[]::vector
            LIMIT {settings.CandidatesPerMethod}
            """).ToListAsync(cancellationToken);
        return rows.Select(row => (row.Id, row.Similarity)).ToList();
    }

    private sealed record PgvectorHit(Guid Id, float Similarity);
}

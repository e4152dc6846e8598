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

    private async Task<List<Guid>> KeywordRankingAsync(Guid projectId, string query, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        if (KeywordQuery.ToTsQuery(query, settings.MaxQueryTerms) is not { } terms)
        {
            return [];
        }

        // Both configurations: chunks keep the one of their project's locale at ingestion time.
        return await db.Database.SqlQuery<Guid>($"""
            SELECT c.id AS "Value"
            FROM knowledge_chunks c,
                 to_tsquery('english'::regconfig, {terms}) english,
                 to_tsquery('simple'::regconfig, {terms}) simple
            WHERE c.project_id = {projectId} AND (c.search_vector @@ english OR c.search_vector @@ simple)
            ORDER BY ts_rank_cd(c.search_vector, CASE c.locale WHEN 'en' THEN english ELSE simple END) DESC, c.id
            LIMIT {settings.CandidatesPerMethod}
            """).ToListAsync(cancellationToken);
    }

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

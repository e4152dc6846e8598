using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Knowledge.Search;

/// <summary>
/// The vector half on pgvector's HNSW index over inner product (vectors are normalised, so it orders by cosine);
/// approximate by design. Only where <see cref="PgvectorAvailability"/> found the indexed column.
/// </summary>
public static class PgvectorRanking
{
    public static async Task<IReadOnlyList<(Guid Id, float Similarity)>> TopAsync(
        ResearchDbContext db, Guid projectId, float[] queryVector, int count, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<PgvectorHit>($"""
            SELECT id AS "Id", (-(embedding_vector <#> {queryVector}::real[]::vector))::real AS "Similarity"
            FROM knowledge_chunks
            WHERE project_id = {projectId} AND embedding_vector IS NOT NULL
            ORDER BY embedding_vector <#> {queryVector}::real[]::vector
            LIMIT {count}
            """).ToListAsync(cancellationToken);
        return rows.Select(row => (row.Id, row.Similarity)).ToList();
    }

    private sealed record PgvectorHit(Guid Id, float Similarity);
}

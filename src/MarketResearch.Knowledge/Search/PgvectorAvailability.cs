using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Knowledge.Search;

/// <summary>Whether the Knowledge migration found pgvector and created the indexed vector column (asked once per process).</summary>
public sealed class PgvectorAvailability
{
    private bool? _available;

    public async Task<bool> IsAvailableAsync(ResearchDbContext db, CancellationToken cancellationToken) =>
        _available ??= await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM information_schema.columns
                           WHERE table_name = 'knowledge_chunks' AND column_name = 'embedding_vector') AS "Value"
            """).SingleAsync(cancellationToken);
}

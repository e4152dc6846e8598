using System.Collections.Concurrent;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketResearch.Knowledge.Search;

/// <summary>
/// Keeps each searched project's embedding matrix in memory, keyed by a stamp of its ready documents (ids and index
/// times): an upload, re-ingestion or deletion in any process changes the stamp and the next search reloads. The
/// least recently used projects are dropped beyond <see cref="KnowledgeOptions.CachedProjects"/>.
/// </summary>
public sealed class ProjectVectorCache(IOptions<KnowledgeOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _loading = new();

    public async Task<VectorMatrix> GetAsync(ResearchDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var stamp = await StampAsync(db, projectId, cancellationToken);
        if (_entries.TryGetValue(projectId, out var cached) && cached.Stamp == stamp)
        {
            cached.LastUsed = clock.GetTimestamp();
            return cached.Matrix;
        }

        // One load per project at a time: concurrent first searches wait for it instead of each reading the rows.
        var gate = _loading.GetOrAdd(projectId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_entries.TryGetValue(projectId, out cached) && cached.Stamp == stamp)
            {
                return cached.Matrix;
            }

            var matrix = await LoadAsync(db, projectId, cancellationToken);
            _entries[projectId] = new Entry(stamp, matrix) { LastUsed = clock.GetTimestamp() };
            Evict();
            return matrix;
        }
        finally
        {
            gate.Release();
        }
    }

    // Count, latest index time and a hash sum: no per-search sort, string_agg or md5 over the project's documents.
    private static async Task<string> StampAsync(ResearchDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<string>($"""
            SELECT count(*)::text || '/' || coalesce(max(indexed_at)::text, '') || '/'
                || coalesce(sum(hashtext(id::text || '@' || indexed_at::text)::bigint), 0)::text AS "Value"
            FROM knowledge_documents WHERE project_id = {projectId} AND status = 'Ready'
            """).SingleAsync(cancellationToken);

    private static async Task<VectorMatrix> LoadAsync(ResearchDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            var ids = new List<Guid>();
            var vectors = new List<float[]>();
            await using var command = new NpgsqlCommand("SELECT id, embedding FROM knowledge_chunks WHERE project_id = @project", connection);
            command.Parameters.AddWithValue("project", projectId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
                vectors.Add(reader.GetFieldValue<float[]>(1));
            }

            return new VectorMatrix(ids, vectors);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private void Evict()
    {
        var excess = _entries.Count - options.Value.CachedProjects;
        foreach (var stale in _entries.OrderBy(pair => pair.Value.LastUsed).Take(Math.Max(0, excess)).ToList())
        {
            _entries.TryRemove(stale.Key, out _);
        }
    }

    private sealed class Entry(string stamp, VectorMatrix matrix)
    {
        public string Stamp { get; } = stamp;
        public VectorMatrix Matrix { get; } = matrix;
        public long LastUsed { get; set; }
    }
}

using Microsoft.Extensions.Options;

namespace MarketResearch.Knowledge.Search;

/// <summary>
/// The normalised embeddings of recently searched query texts: a repeated question (grounding of several personas,
/// a user paging or retrying) skips MiniLM. Least recently used entries go beyond
/// <see cref="KnowledgeOptions.CachedQueryEmbeddings"/>.
/// </summary>
public sealed class QueryEmbeddingCache(IOptions<KnowledgeOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Query, float[] Vector)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Query, float[] Vector)> _recency = new();

    /// <summary>The cached vector (shared: callers must not modify it), or null.</summary>
    public float[]? Find(string query)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(query, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Vector;
        }
    }

    public void Add(string query, float[] vector)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(query, out var existing))
            {
                _recency.Remove(existing);
            }

            _entries[query] = _recency.AddFirst((query, vector));
            while (_entries.Count > options.Value.CachedQueryEmbeddings && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Query);
            }
        }
    }
}

using System.Globalization;

namespace MarketResearch.Knowledge.Search;

/// <summary>Milliseconds spent in each stage of the last search of a scope, for a Server-Timing header and Debug logs.</summary>
public sealed class KnowledgeSearchTimings
{
    private readonly List<(string Stage, double Milliseconds)> _stages = [];

    public IReadOnlyList<(string Stage, double Milliseconds)> Stages
    {
        get
        {
            lock (_stages)
            {
                return [.. _stages];
            }
        }
    }

    // Stages of the two halves run concurrently, hence the lock.
    public void Record(string stage, TimeSpan elapsed)
    {
        lock (_stages)
        {
            _stages.Add((stage, elapsed.TotalMilliseconds));
        }
    }

    public void Clear()
    {
        lock (_stages)
        {
            _stages.Clear();
        }
    }

    /// <summary>The Server-Timing header value, e.g. <c>embed;dur=12.3, keyword;dur=20.1</c>.</summary>
    public string ToServerTiming() =>
        string.Join(", ", Stages.Select(stage => string.Create(CultureInfo.InvariantCulture, $"{stage.Stage};dur={stage.Milliseconds:0.0}")));
}

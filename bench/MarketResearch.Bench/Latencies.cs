using System.Globalization;

namespace MarketResearch.Bench;

/// <summary>Percentiles of a set of measured durations (nearest-rank).</summary>
internal sealed class Latencies(IEnumerable<TimeSpan> samples)
{
    private readonly double[] _sortedMs = samples.Select(sample => sample.TotalMilliseconds).Order().ToArray();

    public double Percentile(double p) => _sortedMs[Math.Clamp((int)Math.Ceiling(p / 100 * _sortedMs.Length) - 1, 0, _sortedMs.Length - 1)];

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"n={_sortedMs.Length} p50={Percentile(50):0.00} ms p95={Percentile(95):0.00} ms p99={Percentile(99):0.00} ms max={_sortedMs[^1]:0.00} ms");
}

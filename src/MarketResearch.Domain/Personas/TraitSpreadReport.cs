namespace MarketResearch.Domain.Personas;

/// <summary>How one trait is spread over a panel: mean, sample standard deviation and range (all on the 0..1 scale).</summary>
public sealed record TraitStatistics(double Mean, double StandardDeviation, double Min, double Max)
{
    public double Range => Max - Min;

    /// <summary>An empty panel has no values: every statistic is 0.</summary>
    public static TraitStatistics Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new TraitStatistics(0, 0, 0, 0);
        }

        var mean = values.Average();
        var deviation = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1));
        return new TraitStatistics(mean, deviation, values.Min(), values.Max());
    }
}

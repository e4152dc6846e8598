namespace MarketResearch.Domain.Surveys;

/// <summary>Descriptive statistics of a sample of ratings.</summary>
public static class Descriptive
{
    public static double? Mean(IReadOnlyCollection<int> values) => values.Count == 0 ? null : values.Average();

    /// <summary>The middle value; for an even count the mean of the two middle values.</summary>
    public static double? Median(IReadOnlyCollection<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>The sample standard deviation (n − 1 in the denominator); undefined for fewer than two values.</summary>
    public static double? StandardDeviation(IReadOnlyCollection<int> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1));
    }
}

namespace MarketResearch.Domain.Personas;

/// <summary>
/// Splits a panel of N personas into whole-number quotas by the largest-remainder (Hamilton) method:
/// the counts always sum to N and each count is less than one away from its share × N.
/// </summary>
public static class QuotaAllocator
{
    /// <summary>Quotas are compared at this precision so decimal shares such as 0.1 do not lose a seat to binary rounding.</summary>
    private const int QuotaPrecisionDigits = 9;

    /// <summary>
    /// Allocates <paramref name="total"/> seats over the weights, which need not sum exactly to 1.
    /// Equal remainders go to the earlier weight, so the caller's order is the tie-break.
    /// </summary>
    public static int[] Allocate(IReadOnlyList<double> weights, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (weights.Count == 0 || weights.Any(weight => !double.IsFinite(weight) || weight < 0))
        {
            throw new ArgumentException("Weights must be finite, zero or positive, and at least one.", nameof(weights));
        }

        var sum = weights.Sum();
        if (sum <= 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        var quotas = weights.Select(weight => Math.Round(weight / sum * total, QuotaPrecisionDigits)).ToArray();
        var counts = quotas.Select(quota => (int)Math.Floor(quota)).ToArray();
        var leftOver = total - counts.Sum();
        var byRemainder = Enumerable.Range(0, quotas.Length)
            .OrderByDescending(index => quotas[index] - counts[index])
            .ThenBy(index => index)
            .Take(leftOver);
        foreach (var index in byRemainder)
        {
            counts[index]++;
        }

        return counts;
    }

    /// <summary>Allocates one audience category; values are taken in ordinal order so the same shares always give the same quotas.</summary>
    public static IReadOnlyDictionary<string, int> Allocate(IReadOnlyDictionary<string, double> shares, int total)
    {
        var values = shares.Keys.Order(StringComparer.Ordinal).ToArray();
        var counts = Allocate(values.Select(value => shares[value]).ToArray(), total);
        return values.Select((value, index) => (value, count: counts[index]))
            .ToDictionary(cell => cell.value, cell => cell.count, StringComparer.Ordinal);
    }
}

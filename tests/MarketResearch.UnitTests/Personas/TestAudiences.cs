using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.UnitTests.Personas;

/// <summary>Audiences for tests: fixed ones with known shares and seeded random ones for property-style loops.</summary>
internal static class TestAudiences
{
    private const int MaxValuesPerCategory = 8;
    private const double ChanceOfZeroWeight = 0.15;
    private const double ChanceOfCategory = 0.8;

    public static TargetAudience Of(params (string Category, (string Value, double Share)[] Shares)[] categories) =>
        new(
            categories.ToDictionary(
                category => category.Category,
                category => (IReadOnlyDictionary<string, double>)category.Shares.ToDictionary(share => share.Value, share => share.Share, StringComparer.Ordinal),
                StringComparer.Ordinal),
            null);

    public static TargetAudience Mixed { get; } = Of(
        ("age", [("18-24", 0.2), ("25-44", 0.45), ("45-64", 0.25), ("65+", 0.1)]),
        ("gender", [("female", 0.55), ("male", 0.45)]),
        ("location", [("urban", 0.5), ("suburban", 0.3), ("rural", 0.2)]));

    /// <summary>A random audience over some of the known categories, with 1–8 values each and some zero weights.</summary>
    public static TargetAudience Random(SeededRandom random)
    {
        var distributions = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var category in AudienceCategories.All.Where(_ => random.NextDouble() < ChanceOfCategory))
        {
            distributions[category] = RandomShares(random, category);
        }

        return new TargetAudience(distributions, null);
    }

    public static IReadOnlyDictionary<string, double> RandomShares(SeededRandom random, string prefix = "v")
    {
        var weights = Enumerable.Range(0, 1 + random.NextInt(MaxValuesPerCategory))
            .Select(_ => random.NextDouble() < ChanceOfZeroWeight ? 0 : random.NextDouble())
            .ToArray();
        if (weights.Sum() == 0)
        {
            weights[0] = 1;
        }

        var sum = weights.Sum();
        return weights.Select((weight, index) => (value: $"{prefix}-{index}", share: weight / sum))
            .ToDictionary(cell => cell.value, cell => cell.share, StringComparer.Ordinal);
    }
}

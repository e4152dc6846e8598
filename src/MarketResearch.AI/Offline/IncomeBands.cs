using System.Globalization;
using System.Text.RegularExpressions;

namespace MarketResearch.AI.Offline;

/// <summary>
/// Reads a project's free-text income label as affordability in [0, 1]: words ("low", "upper middle",
/// "niski") or annual amounts ("30-60k", "100k+", "under 25k", "$45,000").
/// </summary>
internal static partial class IncomeBands
{
    public const double Low = 0.15;
    public const double LowerMiddle = 0.35;
    public const double Middle = 0.55;
    public const double UpperMiddle = 0.75;
    public const double High = 0.9;
    public const double Unknown = 0.5;

    private const double Thousand = 1000;

    // Upper bounds, in thousands a year, of each level below High.
    private static readonly (double BelowThousands, double Affordability)[] AmountLevels =
        [(25, Low), (50, LowerMiddle), (80, Middle), (150, UpperMiddle)];

    // Checked in order: "lower middle" must win over "low", "below average" over "average".
    private static readonly (string[] Words, double Affordability)[] WordLevels =
    [
        (["upper middle", "upper-middle"], UpperMiddle),
        (["lower middle", "lower-middle"], LowerMiddle),
        (["very low", "poverty", "minimum wage", "below average", "niski", "low"], Low),
        (["very high", "affluent", "wealthy", "rich", "wysoki", "high"], High),
        (["middle", "medium", "average", "moderate", "średni"], Middle),
    ];

    private static readonly string[] BelowMarkers = ["<", "under", "below", "up to", "poniżej"];

    public static double AffordabilityOf(string? incomeBand)
    {
        if (string.IsNullOrWhiteSpace(incomeBand))
        {
            return Unknown;
        }

        var band = incomeBand.Trim().ToLowerInvariant();
        foreach (var (words, affordability) in WordLevels)
        {
            if (words.Any(word => band.Contains(word, StringComparison.Ordinal)))
            {
                return affordability;
            }
        }

        return ThousandsIn(band) is { } thousands
            ? AmountLevels.FirstOrDefault(level => thousands < level.BelowThousands, (0, High)).Item2
            : Unknown;
    }

    /// <summary>The band's midpoint in thousands: "30-60k" is 45, "100k+" is 100, "under 25k" is 12.5.</summary>
    private static double? ThousandsIn(string band)
    {
        var amounts = Amount().Matches(band)
            .Select(m => (Value: double.Parse(m.Groups["number"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture), InThousands: m.Groups["k"].Success))
            .ToList();
        if (amounts.Count == 0)
        {
            return null;
        }

        // "30-60k": a "k" on the last number applies to all of them.
        var allInThousands = amounts[^1].InThousands;
        var midpoint = amounts.Average(a => a.InThousands || allInThousands ? a.Value : a.Value / Thousand);
        return BelowMarkers.Any(marker => band.StartsWith(marker, StringComparison.Ordinal)) ? midpoint / 2 : midpoint;
    }

    [GeneratedRegex(@"(?<number>\d[\d,]*(?:\.\d+)?)\s*(?<k>k)?")]
    private static partial Regex Amount();
}

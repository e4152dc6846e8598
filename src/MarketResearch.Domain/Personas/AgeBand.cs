using System.Globalization;
using System.Text.RegularExpressions;

namespace MarketResearch.Domain.Personas;

/// <summary>An age range read from a researcher's label such as "18-24", "65+", "under 18" or "55 i więcej".</summary>
public readonly partial record struct AgeBand(int Lowest, int Highest)
{
    /// <summary>The upper end of an open band such as "65+".</summary>
    public const int OldestAge = 120;

    private static readonly string[] OpenUpwardsWords = ["+", "over", "plus", "more", "older", "above", "więcej", "powyżej", "ponad"];
    private static readonly string[] OpenDownwardsWords = ["under", "below", "younger", "less than", "<", "poniżej"];

    public static bool TryParse(string label, out AgeBand band)
    {
        var numbers = Number().Matches(label).Select(match => int.Parse(match.Value, CultureInfo.InvariantCulture)).ToArray();
        var lower = label.ToLowerInvariant();
        band = numbers switch
        {
            [var from, var to, ..] => new AgeBand(Math.Min(from, to), Math.Max(from, to)),
            [var single] when OpenDownwardsWords.Any(lower.Contains) => new AgeBand(0, single - 1),
            [var single] when OpenUpwardsWords.Any(lower.Contains) => new AgeBand(single, OldestAge),
            [var single] => new AgeBand(single, single),
            _ => default,
        };
        return numbers.Length > 0;
    }

    // Ages have at most three digits; longer runs would overflow int.Parse.
    [GeneratedRegex(@"\d{1,3}")]
    private static partial Regex Number();
}

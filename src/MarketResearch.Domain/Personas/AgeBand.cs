namespace MarketResearch.Domain.Personas;

/// <summary>An age range read from a researcher's label such as "18-24", "65+", "under 18" or "55 i więcej".</summary>
public readonly record struct AgeBand(int Lowest, int Highest)
{
    /// <summary>The upper end of an open band such as "65+".</summary>
    public const int OldestAge = 120;

    /// <summary>Ages have at most three digits; longer runs are not ages.</summary>
    private const int MaxAgeDigits = 3;

    private const int Decimal = 10;

    private static readonly string[] OpenUpwardsWords = ["+", "over", "plus", "more", "older", "above", "więcej", "powyżej", "ponad"];
    private static readonly string[] OpenDownwardsWords = ["under", "below", "younger", "less than", "<", "poniżej"];

    /// <summary>Reads the first two numbers of the label; called for every plausibility check, so it avoids regular expressions.</summary>
    public static bool TryParse(string label, out AgeBand band)
    {
        Span<int> numbers = stackalloc int[2];
        var found = 0;
        for (var i = 0; i < label.Length && found < numbers.Length; i++)
        {
            var digits = 0;
            var number = 0;
            while (i < label.Length && char.IsAsciiDigit(label[i]))
            {
                number = (number * Decimal) + (label[i] - '0');
                digits++;
                i++;
            }

            if (digits is > 0 and <= MaxAgeDigits)
            {
                numbers[found++] = number;
            }
        }

        band = found switch
        {
            2 => new AgeBand(Math.Min(numbers[0], numbers[1]), Math.Max(numbers[0], numbers[1])),
            1 when Mentions(label, OpenDownwardsWords) => new AgeBand(0, numbers[0] - 1),
            1 when Mentions(label, OpenUpwardsWords) => new AgeBand(numbers[0], OldestAge),
            1 => new AgeBand(numbers[0], numbers[0]),
            _ => default,
        };
        return found > 0;
    }

    private static bool Mentions(string label, string[] words) =>
        words.Any(word => label.Contains(word, StringComparison.OrdinalIgnoreCase));
}

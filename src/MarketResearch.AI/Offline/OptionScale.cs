using System.Globalization;

namespace MarketResearch.AI.Offline;

/// <summary>Reads answer options: whether they form an ordered scale, and which needs their wording speaks to.</summary>
internal static class OptionScale
{
    public static readonly HashSet<string> ThriftWords = Words(
        "cheap", "cheapest", "cheaper", "affordable", "budget", "discount", "free", "low", "lower", "price", "saving",
        "savings", "deal", "basic", "value");

    public static readonly HashSet<string> PremiumWords = Words(
        "premium", "luxury", "quality", "best", "exclusive", "high-end", "organic", "professional", "pro", "deluxe");

    public static readonly HashSet<string> FamiliarWords = Words(
        "current", "existing", "usual", "traditional", "classic", "familiar", "same", "established", "store", "cash");

    public static readonly HashSet<string> SocialWords = Words(
        "friends", "family", "social", "community", "together", "share", "group", "recommendation", "word");

    private static readonly string[] LowEndWords =
    [
        "very unlikely", "unlikely", "strongly disagree", "disagree", "very dissatisfied", "dissatisfied", "never",
        "not at all", "very poor", "poor", "very bad", "bad", "none", "low",
    ];

    private static readonly string[] HighEndWords =
    [
        "very likely", "likely", "strongly agree", "agree", "very satisfied", "satisfied", "always", "extremely",
        "excellent", "very good", "good", "definitely", "high",
    ];

    /// <summary>+1 when options run from negative to positive, -1 for the reverse, 0 when they are no scale.</summary>
    public static int Direction(IReadOnlyList<string> labels)
    {
        if (labels.Count < 3)
        {
            return 0;
        }

        var numbers = labels.Select(label => double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (double?)null).ToList();
        if (numbers.All(n => n is not null))
        {
            return numbers.SequenceEqual(numbers.Order()) ? 1 : numbers.SequenceEqual(numbers.OrderDescending()) ? -1 : 0;
        }

        var first = Pole(labels[0]);
        var last = Pole(labels[^1]);
        return first < 0 && last > 0 ? 1 : first > 0 && last < 0 ? -1 : 0;
    }

    private static int Pole(string label)
    {
        // Test the negative phrases first: "unlikely" contains "likely", "disagree" contains "agree".
        if (LowEndWords.Any(word => label.Contains(word, StringComparison.Ordinal)))
        {
            return -1;
        }

        return HighEndWords.Any(word => label.Contains(word, StringComparison.Ordinal)) ? 1 : 0;
    }

    private static HashSet<string> Words(params string[] words) => new(words, StringComparer.OrdinalIgnoreCase);
}

using System.Globalization;

namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>Plutchik's basic emotions found by word stems, for English and Polish; intensity = share of emotional words.</summary>
public static class EmotionLexicon
{
    public static readonly IReadOnlyList<string> Emotions = ["joy", "trust", "fear", "anger", "sadness", "surprise"];

    private static readonly Dictionary<string, string[]> English = new(StringComparer.Ordinal)
    {
        ["joy"] = ["love", "happy", "glad", "enjoy", "excit", "delight", "pleas", "fun", "wonderful", "fantastic", "great"],
        ["trust"] = ["trust", "reliab", "safe", "confiden", "depend", "honest", "credib", "proven", "secure"],
        ["fear"] = ["worr", "afraid", "fear", "anxi", "risk", "scar", "concern", "nervous", "uncertain", "doubt"],
        ["anger"] = ["angr", "annoy", "frustrat", "outrag", "ridiculous", "unfair", "rip-off", "furious", "hate", "irritat"],
        ["sadness"] = ["sad", "disappoint", "regret", "lonel", "unhappy", "miss", "sorry"],
        ["surprise"] = ["surpris", "unexpect", "amaz", "astonish", "wow", "shock"],
    };

    private static readonly Dictionary<string, string[]> Polish = new(StringComparer.Ordinal)
    {
        ["joy"] = ["cieszę", "radoś", "lubię", "uwielbiam", "super", "świetn", "zadowol", "fajn"],
        ["trust"] = ["ufam", "zaufan", "pewn", "bezpieczn", "solidn", "wiarygodn", "sprawdzon"],
        ["fear"] = ["boję", "obaw", "martwi", "strach", "ryzyk", "niepok", "niepewn"],
        ["anger"] = ["złoś", "wkurz", "irytuj", "denerwuj", "oburz", "niesprawiedliw", "absurd"],
        ["sadness"] = ["smut", "rozczarow", "żal", "szkoda", "przykro"],
        ["surprise"] = ["zaskocz", "zdziw", "niespodziew", "szok"],
    };

    /// <summary>Emotions voiced in a text with an intensity 0..1.</summary>
    public static IReadOnlyDictionary<string, double> Detect(string text, string locale)
    {
        var lexicon = locale == "pl" ? Polish : English;
        var words = text.ToLower(CultureInfo.InvariantCulture)
            .Split([' ', ',', '.', '!', '?', ';', ':', '"', '(', ')', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new Dictionary<string, double>();
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            foreach (var (emotion, stems) in lexicon)
            {
                if (stems.Any(stem => word.StartsWith(stem, StringComparison.Ordinal)))
                {
                    counts[emotion] = counts.GetValueOrDefault(emotion) + 1;
                }
            }
        }

        // Two emotional words in a twenty-word answer already read as strong feeling.
        return counts.ToDictionary(pair => pair.Key, pair => Math.Min(1, pair.Value * 10.0 / words.Length));
    }
}

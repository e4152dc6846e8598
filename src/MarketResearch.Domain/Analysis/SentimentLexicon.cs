using System.Text.RegularExpressions;

namespace MarketResearch.Domain.Analysis;

/// <summary>
/// A small lexicon scorer for English and Polish: counts positive and negative words (Polish by stem, so
/// "drogi", "drogie", "drogo" all match), flips a word that follows a negation within a few words, and weighs
/// intensifiers. The score is (positive − negative) / (positive + negative + 1), in (−1, 1); no hits give 0.
/// </summary>
public static partial class SentimentLexicon
{
    private const int NegationReach = 3;
    private const double IntensifierWeight = 1.5;

    private static readonly HashSet<string> Positive = new(StringComparer.Ordinal)
    {
        "good", "great", "excellent", "love", "like", "likes", "liked", "enjoy", "useful", "helpful", "easy", "convenient",
        "worth", "valuable", "happy", "glad", "excited", "exciting", "appealing", "attractive", "affordable", "cheap",
        "reliable", "trust", "safe", "clear", "simple", "fast", "nice", "best", "better", "perfect", "amazing", "fantastic",
        "interesting", "recommend", "comfortable", "fair", "benefit", "benefits", "pleased", "positive", "smart", "fun",
        "wonderful", "impressive", "promising", "keen", "welcome", "delighted", "satisfied", "agree", "yes",
    };

    private static readonly HashSet<string> Negative = new(StringComparer.Ordinal)
    {
        "bad", "poor", "terrible", "awful", "hate", "dislike", "expensive", "overpriced", "costly", "pricey", "worried",
        "worry", "worries", "concern", "concerned", "concerns", "risk", "risky", "difficult", "hard", "confusing",
        "complicated", "useless", "waste", "slow", "unsafe", "unreliable", "distrust", "doubt", "doubts", "sceptical",
        "skeptical", "annoying", "annoyed", "frustrating", "frustrated", "disappointed", "disappointing", "problem",
        "problems", "fear", "afraid", "negative", "unclear", "hidden", "scam", "worse", "worst", "never", "disagree",
        "unfair", "unnecessary", "hesitant", "wary", "burden", "stress", "stressful", "pointless",
    };

    // Polish inflects heavily: these stems match any ending ("dobr" → dobry, dobra, dobre, dobrze...).
    private static readonly string[] PolishPositiveStems =
    [
        "dobr", "świetn", "swietn", "super", "lubi", "podoba", "przydatn", "pomocn", "łatw", "latw", "wygodn", "warto",
        "tani", "tanio", "bezpieczn", "zaufa", "polec", "ciekaw", "zadowol", "fajn", "korzyst", "przyjemn", "prosty", "prosta", "proste",
        "szybk", "atrakcyjn", "doskonał", "wspaniał", "idealn", "zgadzam",
    ];

    private static readonly string[] PolishNegativeStems =
    [
        "zły", "zła", "złe", "źle", "kiepsk", "okropn", "strasz", "nienawi", "drogi", "drogie", "drogo", "drożej", "martwi", "obaw", "ryzyk",
        "trudn", "skomplikow", "bezużyt", "bezuzyt", "strata", "stracon", "powoln", "niebezpieczn", "nieufn", "wątpli", "watpli",
        "denerw", "frustr", "rozczarow", "problem", "boję", "boje", "strach", "niejasn", "ukryt", "oszust", "gorsz",
        "najgorsz", "nigdy", "niepotrzebn", "stres", "obciąż",
    ];

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "don't", "dont", "doesn't", "isn't", "wasn't", "aren't", "won't", "can't", "cannot",
        "hardly", "without", "nie", "bez", "ani",
    };

    private static readonly HashSet<string> Intensifiers = new(StringComparer.Ordinal)
    {
        "very", "really", "extremely", "so", "absolutely", "totally", "bardzo", "naprawdę", "naprawde", "strasznie", "całkiem",
    };

    public static double Score(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        double positive = 0, negative = 0;
        var sinceNegation = int.MaxValue;
        var weight = 1.0;
        foreach (Match match in Word().Matches(text.ToLowerInvariant()))
        {
            var word = match.Value;
            if (Negations.Contains(word) && !IsNegativeWord(word))
            {
                sinceNegation = 0;
                continue;
            }

            if (Intensifiers.Contains(word))
            {
                weight = IntensifierWeight;
                continue;
            }

            var polarity = IsPositiveWord(word) ? 1 : IsNegativeWord(word) ? -1 : 0;
            if (polarity != 0)
            {
                if (sinceNegation < NegationReach)
                {
                    polarity = -polarity;
                }

                if (polarity > 0)
                {
                    positive += weight;
                }
                else
                {
                    negative += weight;
                }

                weight = 1.0;
            }

            sinceNegation = sinceNegation == int.MaxValue ? sinceNegation : sinceNegation + 1;
        }

        return (positive - negative) / (positive + negative + 1);
    }

    private static bool IsPositiveWord(string word) =>
        Positive.Contains(word) || PolishPositiveStems.Any(stem => word.StartsWith(stem, StringComparison.Ordinal));

    private static bool IsNegativeWord(string word) =>
        Negative.Contains(word) || (word.Length > 2 && PolishNegativeStems.Any(stem => word.StartsWith(stem, StringComparison.Ordinal)));

    [GeneratedRegex(@"[\p{L}][\p{L}']*")]
    private static partial Regex Word();
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace MarketResearch.AI.Offline;

/// <summary>What someone said earlier in the discussion, with a rough lexicon polarity in [-1, 1].</summary>
internal sealed record EarlierStatement(string Speaker, string Text, double Polarity);

/// <summary>
/// What the simulator understands of a conversation: the question, its subject, the cues that move a
/// persona's reaction, what other participants said, and the words the conversation keeps returning to.
/// </summary>
internal sealed partial class ConversationReading
{
    private const int MaxTopicWords = 10;
    private const int KeywordCount = 12;
    private const int MinKeywordLength = 4;
    private const string FallbackTopic = "this";

    private static readonly HashSet<string> DanglingWords = new(
        ["a", "an", "the", "for", "at", "of", "with", "to", "and", "or", "that", "which", "who", "in", "on", "by", "my", "your", "its"],
        StringComparer.OrdinalIgnoreCase);

    public required string Question { get; init; }

    public required string Topic { get; init; }

    public bool MentionsPrice { get; init; }

    public bool MentionsNovelty { get; init; }

    public bool MentionsRisk { get; init; }

    public required IReadOnlyList<EarlierStatement> OthersSaid { get; init; }

    /// <summary>How many answers the persona already gave in this conversation (its memory).</summary>
    public int OwnEarlierAnswers { get; init; }

    public required IReadOnlyList<string> Keywords { get; init; }

    /// <summary>Citation markers such as "[1]" found in grounding passages.</summary>
    public required IReadOnlyList<string> SourceMarkers { get; init; }

    public static ConversationReading Of(IReadOnlyList<ChatMessage> messages, string? selfName)
    {
        var userText = string.Join('\n', messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
        var lastUser = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        var question = QuestionIn(lastUser);
        var questionWords = WordsOf(question).ToList();
        var othersSaid = StatementsOf(messages, selfName);

        // What participants said names the subject better than our own prompt wording around it.
        var keywords = KeywordsOf(othersSaid.Count > 0 ? string.Join('\n', othersSaid.Select(s => s.Text)) : userText);

        return new ConversationReading
        {
            Question = question,
            Topic = TopicOf(question),
            MentionsPrice = questionWords.Any(OfflineLexicon.PriceWords.Contains) || CurrencyAmount().IsMatch(question),
            MentionsNovelty = questionWords.Any(OfflineLexicon.NoveltyWords.Contains),
            MentionsRisk = questionWords.Any(OfflineLexicon.RiskWords.Contains),
            OthersSaid = othersSaid,
            OwnEarlierAnswers = messages.Count(m => m.Role == ChatRole.Assistant),
            Keywords = keywords,
            SourceMarkers = SourceMarker().Matches(userText).Select(m => m.Value).Distinct().ToList(),
        };
    }

    public static double PolarityOf(string text)
    {
        var words = WordsOf(text).ToList();
        var positive = words.Count(OfflineLexicon.PositiveWords.Contains);
        var negative = words.Count(OfflineLexicon.NegativeWords.Contains);
        return (positive - negative) / (double)(positive + negative + 1);
    }

    public static IEnumerable<string> WordsOf(string text) =>
        Word().Matches(text).Select(m => m.Value.ToLowerInvariant());

    private static string QuestionIn(string text)
    {
        var sentences = SentenceBreak().Split(text.Trim()).Where(s => s.Length > 0).ToList();
        var asked = sentences.LastOrDefault(s => s.EndsWith('?'));
        return (asked ?? sentences.LastOrDefault() ?? string.Empty).Trim();
    }

    private static string TopicOf(string question)
    {
        var match = TopicPhrase().Matches(question).LastOrDefault();
        if (match is null)
        {
            return FallbackTopic;
        }

        // "a meal app for 39 zł a month": the price is a cue of its own, not part of the subject.
        var subject = PricePhrase().Replace(match.Groups["topic"].Value, string.Empty);
        var words = subject.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Take(MaxTopicWords)
            .Select(word => word.ToLowerInvariant() switch { "your" => "my", "you" => "me", "yours" => "mine", _ => word })
            .ToList();

        // A phrase cut at the word limit must not end on "for", "the", "that"...
        while (words.Count > 1 && DanglingWords.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        return words.Count == 0 ? FallbackTopic : string.Join(' ', words);
    }

    private static List<string> KeywordsOf(string text) =>
        WordsOf(text)
            .Where(word => word.Length >= MinKeywordLength && IsSubject(word))
            .GroupBy(word => word)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(KeywordCount)
            .Select(group => group.Key)
            .ToList();

    /// <summary>Excludes function words, sentiment words and adverbs: they say how, not what, people talked about.</summary>
    private static bool IsSubject(string word) =>
        !OfflineLexicon.StopWords.Contains(word)
        && !OfflineLexicon.PositiveWords.Contains(word)
        && !OfflineLexicon.NegativeWords.Contains(word)
        && !word.EndsWith("ly", StringComparison.Ordinal)
        && char.IsLetter(word[0]);

    private static List<EarlierStatement> StatementsOf(IReadOnlyList<ChatMessage> messages, string? selfName) =>
        messages
            .Where(m => m.Role == ChatRole.User || m.Role == ChatRole.System)
            .SelectMany(m => m.Text.Split('\n'))
            .Select(line => SpeakerLine().Match(line))
            .Where(m => m.Success)
            .Select(m => (Speaker: m.Groups["speaker"].Value.Trim(), Text: m.Groups["text"].Value.Trim()))
            .Where(s => !OfflineLexicon.NotSpeakers.Contains(s.Speaker.Split(' ')[0])
                && !string.Equals(s.Speaker, selfName, StringComparison.OrdinalIgnoreCase))
            .Select(s => new EarlierStatement(s.Speaker, s.Text, PolarityOf(s.Text)))
            .ToList();

    [GeneratedRegex(@"[\p{L}$€£][\p{L}'\-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<=[.?!])\s+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[$€£]\s?\d|\d\s?(zł|pln|eur|usd|dollars|euros)", RegexOptions.IgnoreCase)]
    private static partial Regex CurrencyAmount();

    [GeneratedRegex(@"\s+(?:for|at|priced at|costing|which costs|that costs)\s+(?:[$€£]\s?)?\d.*$", RegexOptions.IgnoreCase)]
    private static partial Regex PricePhrase();

    [GeneratedRegex(@"\b(?:about|of|on|for|regarding|toward|towards|with|buy|use|try|choose|recommend|switch to)\s+(?<topic>[^?.!,;:]{3,120})", RegexOptions.IgnoreCase)]
    private static partial Regex TopicPhrase();

    // "Anna: ...", "- Anna (34, nurse): ...", "Jan Kowalski: ..."
    [GeneratedRegex(@"^\s*[-*•]?\s*(?<speaker>\p{Lu}[\p{L}'\-]+(?: \p{Lu}[\p{L}'\-]+)?)\s*(?:\([^)]*\))?\s*:\s*(?<text>\S.*)$")]
    private static partial Regex SpeakerLine();

    [GeneratedRegex(@"\[(?:\d{1,3}|[A-Za-z]+[:#-]?\d{1,4})\]")]
    private static partial Regex SourceMarker();
}

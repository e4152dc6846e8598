using System.Globalization;

namespace MarketResearch.AI.Offline;

/// <summary>
/// Speaks as the research analyst: summaries, insights, themes and recommendations grounded in the
/// transcript the prompt carries (who said what, and which words kept coming back).
/// </summary>
internal sealed class InsightWriter(ConversationReading reading, DeterministicRandom random)
{
    private const double LeaningThreshold = 0.15;
    private const double PolarizedShare = 0.3;
    private const string FallbackKeyword = "the overall experience";

    private IReadOnlyList<EarlierStatement> Statements => reading.OthersSaid;

    private int Positive => Statements.Count(s => s.Polarity > LeaningThreshold);

    private int Negative => Statements.Count(s => s.Polarity < -LeaningThreshold);

    private int Participants => Statements.Select(s => s.Speaker).Distinct().Count();

    public string Summary()
    {
        var keywords = string.Join(", ", Enumerable.Range(0, 3).Select(Keyword).Distinct());
        if (Statements.Count == 0)
        {
            return $"The material on {reading.Topic} centres on {keywords}. Reactions should be validated with a larger panel before acting on them.";
        }

        var polarized = Math.Min(Positive, Negative) >= PolarizedShare * Statements.Count;
        return $"{Count(Participants, "participant")} discussed {reading.Topic}. Of {Count(Statements.Count, "contribution")}, "
            + $"{Count(Positive)} leaned positive and {Count(Negative)} critical; the conversation kept returning to {keywords}. "
            + (polarized
                ? "Opinion was clearly split, so messaging should address both camps."
                : Positive >= Negative ? "The overall mood was favourable." : "The overall mood was sceptical.");
    }

    public string Insight(int index) => random.Pick(InsightTemplates)
        .Replace("{keyword}", Keyword(index), StringComparison.Ordinal)
        .Replace("{mentions}", Count(MentionsOf(Keyword(index)), "contribution"), StringComparison.Ordinal)
        .Replace("{topic}", reading.Topic, StringComparison.Ordinal);

    public string ThemeName(int index) => Capitalize(Keyword(index));

    public string ThemeDescription(int index)
    {
        var keyword = Keyword(index);
        var related = Statements.Where(s => Mentions(s, keyword)).ToList();
        var tone = related.Count == 0 ? "neutral" : related.Average(s => s.Polarity) switch
        {
            > LeaningThreshold => "mostly positive",
            < -LeaningThreshold => "mostly critical",
            _ => "mixed",
        };
        return $"Participants raised {keyword} in {Count(related.Count)} of {Count(Statements.Count, "contribution")}; the tone was {tone}.";
    }

    public string Recommendation(int index) => random.Pick(RecommendationTemplates)
        .Replace("{keyword}", Keyword(index), StringComparison.Ordinal)
        .Replace("{topic}", reading.Topic, StringComparison.Ordinal);

    public string SurprisingFinding(int index) => random.Pick(SurpriseTemplates)
        .Replace("{keyword}", Keyword(index), StringComparison.Ordinal);

    public string FollowUpQuestion() => random.Pick(FollowUpTemplates)
        .Replace("{keyword}", Keyword(random.Next(3)), StringComparison.Ordinal)
        .Replace("{topic}", reading.Topic, StringComparison.Ordinal);

    /// <summary>The mean polarity of the contributions that mention a theme's keyword (or of all, for none).</summary>
    public double Sentiment(int? themeIndex)
    {
        var related = themeIndex is { } index ? Statements.Where(s => Mentions(s, Keyword(index))).ToList() : Statements;
        return related.Count == 0 ? 0 : Math.Round(related.Average(s => s.Polarity), 3);
    }

    /// <summary>A participant's own words, for fields that ask for a quote.</summary>
    public string Quote() => Statements.Count > 0 ? random.Pick(Statements).Text : Summary();

    public string Keyword(int index) =>
        reading.Keywords.Count == 0 ? FallbackKeyword : reading.Keywords[index % reading.Keywords.Count];

    private int MentionsOf(string keyword) => Statements.Count(s => Mentions(s, keyword));

    private static bool Mentions(EarlierStatement statement, string keyword) =>
        statement.Text.Contains(keyword, StringComparison.OrdinalIgnoreCase);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Count(int count, string noun) => $"{Count(count)} {noun}{(count == 1 ? string.Empty : "s")}";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly string[] InsightTemplates =
    [
        "{keyword} was a recurring thread, raised in {mentions}.",
        "How {topic} handles {keyword} shapes whether participants would adopt it.",
        "Participants judged {topic} largely through the lens of {keyword}.",
        "Concerns and hopes about {keyword} separated the enthusiasts from the sceptics.",
    ];

    private static readonly string[] RecommendationTemplates =
    [
        "Address {keyword} directly in the launch messaging.",
        "Run a follow-up test focused on {keyword} with the most sceptical segment.",
        "Offer a low-risk trial so that doubts about {keyword} can be settled by experience.",
        "Make the offer around {topic} more concrete on {keyword} before the next round of research.",
    ];

    private static readonly string[] SurpriseTemplates =
    [
        "Even supportive participants raised doubts about {keyword}.",
        "Views on {keyword} split more sharply than the audience profile suggested.",
        "{keyword} mattered more than expected compared with the headline features.",
    ];

    private static readonly string[] FollowUpTemplates =
    [
        "What would change your mind about {topic}?",
        "Can you say more about {keyword}?",
        "How does {keyword} compare with what you use today?",
        "What would make {topic} an easy yes for you?",
    ];
}

using System.Text.Json;
using MarketResearch.Web.Personas;

namespace MarketResearch.Web.FocusGroups;

public sealed record FocusGroupDraft(string Name, IReadOnlyList<Guid> PersonaIds, IReadOnlyList<string> Questions, bool ModeratorFollowUps);

public sealed record FocusGroupDetails(
    Guid Id, Guid ProjectId, string Name, IReadOnlyList<Guid> PersonaIds, IReadOnlyList<string> Questions, bool ModeratorFollowUps,
    string Status, Guid? LastJobId, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public bool IsRunning => Status is "queued" or "running";
}

public sealed record TranscriptTurn(
    int Sequence, int QuestionIndex, int Round, Guid? SpeakerPersonaId, string SpeakerName, string Text, double? Sentiment,
    IReadOnlyList<Guid> AgreesWith, IReadOnlyList<Guid> DisagreesWith, DateTimeOffset CreatedAt);

public sealed record TranscriptPage(Guid FocusGroupId, Guid? JobId, IReadOnlyList<string> Questions, IReadOnlyList<TranscriptTurn> Items, string? NextCursor);

public sealed record FocusGroupInsights(Guid FocusGroupId, Guid JobId, string GeneratedBy, string PromptVersion, JsonElement Insights, JsonElement Statistics, DateTimeOffset CreatedAt);

public sealed record AnswerCluster(int Size, double Share, double MeanSentiment, Guid RepresentativeSpeakerId, string RepresentativeAnswer);

public sealed record QuestionPolarization(int QuestionIndex, int Answers, int K, double Silhouette, double Index, double Consensus, double MeanSentiment, IReadOnlyList<AnswerCluster> Clusters);

public sealed record SegmentMood(string Category, string Value, int Answers, double MeanSentiment, double StandardDeviation);

/// <summary>The numbers of a run (computed by the Worker, not by the model).</summary>
public sealed record FocusGroupStatistics(
    int Participants, int Answers, double MeanSentiment, int Agreements, int Disagreements, string SentimentMethod,
    IReadOnlyList<QuestionPolarization> Questions, IReadOnlyList<SegmentMood> SentimentBySegment);

/// <summary>The model's reading of a run, as far as the page shows it; absent parts stay empty.</summary>
public sealed record InsightReading(string? Summary, IReadOnlyList<string> KeyInsights, IReadOnlyList<(string Name, string Description)> Themes)
{
    public IReadOnlyList<string> SurprisingFindings { get; init; } = [];
    public IReadOnlyList<string> Recommendations { get; init; } = [];

    /// <summary>The researcher's passages the model was given, numbered as the [n] in its text.</summary>
    public IReadOnlyList<Citation> Citations { get; init; } = [];

    public static InsightReading From(JsonElement insights)
    {
        if (insights.ValueKind != JsonValueKind.Object)
        {
            return new(null, [], []);
        }

        var summary = Text(insights, "executiveSummary") ?? Text(insights, "summary");
        var keyInsights = Array(insights, "keyInsights").Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : Text(item, "insight") ?? Text(item, "text") ?? item.ToString()).ToList();
        var themes = Array(insights, "themes").Select(item => item.ValueKind == JsonValueKind.Object
            ? (Text(item, "name") ?? string.Empty, Text(item, "description") ?? string.Empty)
            : (item.ToString(), string.Empty)).ToList();
        return new(summary, keyInsights, themes)
        {
            SurprisingFindings = Texts(insights, "surprisingFindings"),
            Recommendations = Texts(insights, "recommendations"),
            Citations = Array(insights, "citations").Select(Citation.From).ToList(),
        };
    }

    private static List<string> Texts(JsonElement element, string name) =>
        Array(element, name).Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.ToString()).Where(text => text.Length > 0).ToList();

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];
}

namespace MarketResearch.Web.Surveys;

/// <summary>One question being written in the builder; mutable so the form binds to it.</summary>
public sealed class QuestionEditor
{
    public static IReadOnlyList<(string Key, string Title)> Types { get; } =
        [("singleChoice", "Single choice"), ("multipleChoice", "Multiple choice"), ("ratingScale", "Rating scale"), ("openText", "Open text")];

    public string Type { get; set; } = "singleChoice";
    public string Text { get; set; } = string.Empty;
    public string Options { get; set; } = string.Empty;
    public int? MinSelections { get; set; }
    public int? MaxSelections { get; set; }
    public int? Min { get; set; } = 1;
    public int? Max { get; set; } = 5;
    public string? MinLabel { get; set; }
    public string? MaxLabel { get; set; }

    public bool HasOptions => Type is "singleChoice" or "multipleChoice";

    /// <summary>The question as the API takes it: only the fields its type uses.</summary>
    public SurveyQuestionDraft ToDraft() => new(
        Type,
        Text,
        HasOptions ? Options.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
        Type == "multipleChoice" ? MinSelections : null,
        Type == "multipleChoice" ? MaxSelections : null,
        Type == "ratingScale" ? Min : null,
        Type == "ratingScale" ? Max : null,
        Type == "ratingScale" ? NullIfBlank(MinLabel) : null,
        Type == "ratingScale" ? NullIfBlank(MaxLabel) : null);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed record SurveyQuestionDraft(
    string Type, string Text, IReadOnlyList<string>? Options, int? MinSelections, int? MaxSelections, int? Min, int? Max, string? MinLabel, string? MaxLabel);

public sealed record SurveyDraft(string Name, IReadOnlyList<SurveyQuestionDraft> Questions);

public sealed record SurveyDetails(
    Guid Id, Guid ProjectId, string Name, IReadOnlyList<SurveyQuestionDraft> Questions, IReadOnlyList<Guid>? PersonaIds, string Status,
    Guid? LastJobId, Guid? CompletedJobId, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public bool IsRunning => Status is "Queued" or "Running";
}

public sealed record SurveyResults(Guid SurveyId, SurveyRunInfo? Run, int Respondents, IReadOnlyList<QuestionResult> Questions);

public sealed record SurveyRunInfo(Guid JobId, DateTimeOffset? CompletedAt, bool? Offline, int Answers);

public sealed record QuestionResult(
    int Index, string Text, int Answered, IReadOnlyList<OptionCount>? Options, RatingSummary? Rating, IReadOnlyList<CrossTab>? CrossTabs, IReadOnlyList<TextTheme>? Themes);

public sealed record OptionCount(int Index, string Option, int Count, double Share);

public sealed record RatingSummary(int Minimum, int Maximum, double? Mean, double? Median, double? StandardDeviation, IReadOnlyList<PointCount> Distribution);

public sealed record PointCount(int Value, string? Label, int Count, double Share);

public sealed record CrossTab(string Category, IReadOnlyList<string> Columns, IReadOnlyList<CrossTabRow> Rows);

public sealed record CrossTabRow(string Value, int Respondents, IReadOnlyList<int> Counts, IReadOnlyList<double> Shares, double? Mean);

public sealed record TextTheme(string Label, IReadOnlyList<string> KeyPhrases, int Count, double Share, string Representative, Guid RepresentativePersonaId);

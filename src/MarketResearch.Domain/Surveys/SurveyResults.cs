namespace MarketResearch.Domain.Surveys;

/// <summary>One persona's stored answer, with the demographics it is cross-tabulated by.</summary>
public sealed record RespondentAnswer(Guid PersonaId, int QuestionIndex, SurveyAnswer Answer);

/// <summary>Everything computed from one run's answers.</summary>
public sealed record SurveyResults(int Respondents, IReadOnlyList<QuestionResult> Questions);

/// <summary>
/// The result of one question. Choice questions carry Options (for multiple choice a share is the share of
/// respondents who selected the option, so shares may sum above 1); rating scales carry Rating; both carry
/// CrossTabs. Open-text questions carry Themes.
/// </summary>
public sealed record QuestionResult(
    int Index,
    SurveyQuestionType Type,
    string Text,
    int Answered,
    IReadOnlyList<OptionCount>? Options,
    RatingSummary? Rating,
    IReadOnlyList<CrossTab>? CrossTabs,
    IReadOnlyList<TextTheme>? Themes);

public sealed record OptionCount(int Index, string Option, int Count, double Share);

public sealed record RatingSummary(int Minimum, int Maximum, double? Mean, double? Median, double? StandardDeviation, IReadOnlyList<PointCount> Distribution);

public sealed record PointCount(int Value, string? Label, int Count, double Share);

/// <summary>
/// A closed question broken down by one demographic category. Columns are the question's options (choice) or scale
/// points (rating); each row's Counts line up with Columns.
/// </summary>
public sealed record CrossTab(string Category, IReadOnlyList<string> Columns, IReadOnlyList<CrossTabRow> Rows);

public sealed record CrossTabRow(string Value, int Respondents, IReadOnlyList<int> Counts, IReadOnlyList<double> Shares, double? Mean);

/// <summary>A theme of open answers: its key phrases, how many answered in it, and the answer that represents it best.</summary>
public sealed record TextTheme(string Label, IReadOnlyList<string> KeyPhrases, int Count, double Share, string Representative, Guid RepresentativePersonaId);

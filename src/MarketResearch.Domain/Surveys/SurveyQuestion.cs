namespace MarketResearch.Domain.Surveys;

/// <summary>
/// A validated survey question as stored. Options are set for choice questions; selection bounds for multiple
/// choice (always filled in on creation); Minimum/Maximum and optional end labels for rating scales.
/// </summary>
public sealed record SurveyQuestion
{
    public SurveyQuestionType Type { get; init; }
    public string Text { get; init; } = string.Empty;
    public IReadOnlyList<string> Options { get; init; } = [];
    public int? MinSelections { get; init; }
    public int? MaxSelections { get; init; }
    public int? Minimum { get; init; }
    public int? Maximum { get; init; }
    public string? MinimumLabel { get; init; }
    public string? MaximumLabel { get; init; }
}

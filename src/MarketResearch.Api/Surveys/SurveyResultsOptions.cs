using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Api.Surveys;

/// <summary>How survey results are presented (section Surveys:Results).</summary>
public sealed class SurveyResultsOptions
{
    public const string Section = "Surveys:Results";

    /// <summary>Themes per open-text question, "Other" included.</summary>
    [Range(2, 20)]
    public int MaxThemes { get; set; } = 6;
}

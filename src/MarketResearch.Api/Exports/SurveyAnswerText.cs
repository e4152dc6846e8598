using System.Globalization;
using MarketResearch.Domain.Surveys;

namespace MarketResearch.Api.Exports;

/// <summary>An answer as a reader sees it: the chosen options' text, the rating, or the written text.</summary>
internal static class SurveyAnswerText
{
    public static string Describe(SurveyQuestion question, SurveyResponse response) =>
        response.OptionIndexes is { } indexes
            ? string.Join("; ", indexes.Select(index => index >= 0 && index < question.Options.Count ? question.Options[index] : $"#{index}"))
            : response.Rating?.ToString(CultureInfo.InvariantCulture) ?? response.Text ?? string.Empty;
}

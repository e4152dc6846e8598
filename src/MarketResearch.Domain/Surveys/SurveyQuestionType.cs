using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketResearch.Domain.Surveys;

/// <summary>The four kinds of survey question. On the wire: singleChoice, multipleChoice, ratingScale, openText.</summary>
[JsonConverter(typeof(SurveyQuestionTypeJsonConverter))]
public enum SurveyQuestionType
{
    SingleChoice,
    MultipleChoice,
    RatingScale,
    OpenText,
}

public static class SurveyQuestionTypes
{
    public static IReadOnlyList<string> WireNames { get; } = ["singleChoice", "multipleChoice", "ratingScale", "openText"];

    /// <summary>Reads a wire name, forgiving case and separators ("single_choice", "Single-Choice").</summary>
    public static bool TryParse(string? text, out SurveyQuestionType type)
    {
        var key = new string((text ?? string.Empty).Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        (var known, type) = key switch
        {
            "singlechoice" => (true, SurveyQuestionType.SingleChoice),
            "multiplechoice" => (true, SurveyQuestionType.MultipleChoice),
            "ratingscale" or "rating" => (true, SurveyQuestionType.RatingScale),
            "opentext" => (true, SurveyQuestionType.OpenText),
            _ => (false, default),
        };
        return known;
    }

    public static bool IsClosed(this SurveyQuestionType type) => type != SurveyQuestionType.OpenText;

    public static bool HasOptions(this SurveyQuestionType type) => type is SurveyQuestionType.SingleChoice or SurveyQuestionType.MultipleChoice;
}

/// <summary>Writes and reads the type by its camelCase wire name, in API bodies and in the stored questions alike.</summary>
public sealed class SurveyQuestionTypeJsonConverter() : JsonStringEnumConverter<SurveyQuestionType>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

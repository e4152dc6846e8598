using System.Globalization;
using System.Text.Json;

namespace MarketResearch.Domain.Surveys;

/// <summary>What a model's reply to a question amounts to: a valid typed answer, or the reasons it is not one.</summary>
public sealed record AnswerReading(SurveyAnswer? Answer, IReadOnlyList<string> Errors, IReadOnlyList<string> Repairs)
{
    public bool IsValid => Answer is not null;
}

/// <summary>
/// Turns a reply in the shape of the ResearchSchemas survey-answer schemas ({choice}, {choices}, {rating}, {text})
/// into a typed answer that is valid for its question. Only repairs that cannot change the meaning are made:
/// an option written with other case or spacing is matched to that option, a repeated selection is counted once,
/// a rating sent as an integral string or 4.0 is read as that integer, text is trimmed. Anything else (an option
/// that does not exist, too few or too many selections, a rating out of range or between two points, empty text)
/// is an error, and the caller asks again; nothing is ever defaulted.
/// </summary>
public static class SurveyAnswerReader
{
    public const string ChoiceProperty = "choice";
    public const string ChoicesProperty = "choices";
    public const string RatingProperty = "rating";
    public const string TextProperty = "text";

    /// <summary>The longest open answer kept; a longer one is asked for again rather than cut.</summary>
    public const int MaxTextLength = 8000;

    public static AnswerReading Read(SurveyQuestion question, JsonElement reply)
    {
        if (reply.ValueKind != JsonValueKind.Object)
        {
            return Invalid("The reply is not a JSON object.");
        }

        return question.Type switch
        {
            SurveyQuestionType.SingleChoice => Single(question, reply),
            SurveyQuestionType.MultipleChoice => Multiple(question, reply),
            SurveyQuestionType.RatingScale => Rating(question, reply),
            _ => Text(reply),
        };
    }

    /// <summary>Checks an answer already in typed form (e.g. read back from the database) against its question.</summary>
    public static IReadOnlyList<string> Check(SurveyQuestion question, SurveyAnswer answer)
    {
        var errors = new List<string>();
        switch (question.Type)
        {
            case SurveyQuestionType.SingleChoice or SurveyQuestionType.MultipleChoice:
                var indexes = answer.OptionIndexes ?? [];
                var (min, max) = question.Type == SurveyQuestionType.SingleChoice ? (1, 1) : (question.MinSelections ?? 1, question.MaxSelections ?? question.Options.Count);
                if (indexes.Any(index => index < 0 || index >= question.Options.Count))
                {
                    errors.Add("An option index is out of range.");
                }

                if (indexes.Distinct().Count() != indexes.Count)
                {
                    errors.Add("An option is selected twice.");
                }

                if (indexes.Count < min || indexes.Count > max)
                {
                    errors.Add($"{indexes.Count} selections; between {min} and {max} are allowed.");
                }

                break;
            case SurveyQuestionType.RatingScale:
                if (answer.Rating is not { } rating || rating < question.Minimum || rating > question.Maximum)
                {
                    errors.Add($"The rating must be an integer from {question.Minimum} to {question.Maximum}.");
                }

                break;
            default:
                if (string.IsNullOrWhiteSpace(answer.Text))
                {
                    errors.Add("The text is empty.");
                }

                break;
        }

        return errors;
    }

    private static AnswerReading Single(SurveyQuestion question, JsonElement reply)
    {
        if (!reply.TryGetProperty(ChoiceProperty, out var choice) || choice.ValueKind != JsonValueKind.String)
        {
            return Invalid($"\"{ChoiceProperty}\" must be one of the options as text.");
        }

        var repairs = new List<string>();
        return Match(question, choice.GetString()!, repairs) is { } index
            ? new AnswerReading(SurveyAnswer.Options([index]), [], repairs)
            : Invalid($"\"{choice.GetString()}\" is not one of the options: {Quoted(question.Options)}.");
    }

    private static AnswerReading Multiple(SurveyQuestion question, JsonElement reply)
    {
        if (!reply.TryGetProperty(ChoicesProperty, out var choices) || choices.ValueKind != JsonValueKind.Array)
        {
            return Invalid($"\"{ChoicesProperty}\" must be an array of options.");
        }

        var repairs = new List<string>();
        var errors = new List<string>();
        var indexes = new List<int>();
        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind != JsonValueKind.String || Match(question, choice.GetString()!, repairs) is not { } index)
            {
                errors.Add($"{choice.GetRawText()} is not one of the options: {Quoted(question.Options)}.");
            }
            else if (indexes.Contains(index))
            {
                repairs.Add($"\"{question.Options[index]}\" was selected twice and is counted once.");
            }
            else
            {
                indexes.Add(index);
            }
        }

        var min = question.MinSelections ?? 1;
        var max = question.MaxSelections ?? question.Options.Count;
        if (errors.Count == 0 && (indexes.Count < min || indexes.Count > max))
        {
            errors.Add($"{indexes.Count} options were selected; select between {min} and {max}.");
        }

        return errors.Count > 0 ? new AnswerReading(null, errors, repairs) : new AnswerReading(SurveyAnswer.Options([.. indexes.Order()]), [], repairs);
    }

    private static AnswerReading Rating(SurveyQuestion question, JsonElement reply)
    {
        var expected = $"\"{RatingProperty}\" must be an integer from {question.Minimum} to {question.Maximum}.";
        if (!reply.TryGetProperty(RatingProperty, out var value))
        {
            return Invalid(expected);
        }

        var repairs = new List<string>();
        decimal number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out number))
        {
            if (number != decimal.Truncate(number))
            {
                return Invalid($"{value.GetRawText()} lies between two points of the scale. {expected}");
            }
        }
        else if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString()!.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
            repairs.Add($"The rating \"{value.GetString()}\" was sent as text and read as {parsed}.");
        }
        else
        {
            return Invalid(expected);
        }

        return number < question.Minimum || number > question.Maximum
            ? Invalid($"{number.ToString(CultureInfo.InvariantCulture)} is outside the scale. {expected}")
            : new AnswerReading(SurveyAnswer.OfRating((int)number), [], repairs);
    }

    private static AnswerReading Text(JsonElement reply)
    {
        if (!reply.TryGetProperty(TextProperty, out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString()))
        {
            return Invalid($"\"{TextProperty}\" must be a non-empty answer in your own words.");
        }

        var trimmed = text.GetString()!.Trim();
        if (trimmed.Length > MaxTextLength)
        {
            return Invalid($"The answer has {trimmed.Length} characters; keep it under {MaxTextLength}.");
        }

        return new AnswerReading(SurveyAnswer.OfText(trimmed), [], trimmed.Length == text.GetString()!.Length ? [] : ["Surrounding whitespace was trimmed."]);
    }

    /// <summary>The option written exactly, else the one equal ignoring case and spacing (a repair), else none.</summary>
    private static int? Match(SurveyQuestion question, string written, List<string> repairs)
    {
        for (var index = 0; index < question.Options.Count; index++)
        {
            if (string.Equals(question.Options[index], written, StringComparison.Ordinal))
            {
                return index;
            }
        }

        var key = SurveyDraftValidator.OptionKey(written);
        for (var index = 0; index < question.Options.Count; index++)
        {
            if (SurveyDraftValidator.OptionKey(question.Options[index]) == key)
            {
                repairs.Add($"\"{written}\" was read as option \"{question.Options[index]}\" (case and spacing ignored).");
                return index;
            }
        }

        return null;
    }

    private static string Quoted(IEnumerable<string> options) => string.Join(", ", options.Select(option => $"\"{option}\""));

    private static AnswerReading Invalid(string error) => new(null, [error], []);
}

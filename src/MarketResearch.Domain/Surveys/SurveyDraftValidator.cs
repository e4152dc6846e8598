namespace MarketResearch.Domain.Surveys;

/// <summary>
/// Checks a survey draft and names every field that is wrong by its JSON path (questions[2].options); when the
/// draft is valid it also yields the questions in their stored, normalised form.
/// </summary>
public static class SurveyDraftValidator
{
    public const int MaxNameLength = 200;
    public const int MaxQuestions = 50;
    public const int MaxQuestionTextLength = 1000;
    public const int MinOptions = 2;
    public const int MaxOptions = 20;
    public const int MaxOptionLength = 200;
    public const int MaxLabelLength = 100;
    public const int MaxPersonaIds = 10_000;

    /// <summary>Rating scales are bounded so that a distribution over every point stays readable.</summary>
    public const int RatingBound = 100;
    public const int MaxRatingPoints = 11;

    public static IReadOnlyDictionary<string, string[]> Validate(SurveyDraft draft, out IReadOnlyList<SurveyQuestion> questions)
    {
        var errors = new FieldErrors();
        var valid = new List<SurveyQuestion>();

        if (string.IsNullOrWhiteSpace(draft.Name))
        {
            errors.Add("name", "A survey needs a name.");
        }
        else if (draft.Name.Trim().Length > MaxNameLength)
        {
            errors.Add("name", $"The name may have at most {MaxNameLength} characters.");
        }

        if (draft.Questions is null || draft.Questions.Count == 0)
        {
            errors.Add("questions", "A survey needs at least one question.");
        }
        else if (draft.Questions.Count > MaxQuestions)
        {
            errors.Add("questions", $"A survey may have at most {MaxQuestions} questions.");
        }
        else
        {
            for (var index = 0; index < draft.Questions.Count; index++)
            {
                if (Question(errors, $"questions[{index}]", draft.Questions[index]) is { } question)
                {
                    valid.Add(question);
                }
            }
        }

        if (draft.PersonaIds is { } personaIds)
        {
            if (personaIds.Count == 0)
            {
                errors.Add("personaIds", "Leave personaIds out to ask every persona of the project, or list at least one.");
            }
            else if (personaIds.Count > MaxPersonaIds)
            {
                errors.Add("personaIds", $"At most {MaxPersonaIds} personas can be listed.");
            }

            foreach (var duplicate in personaIds.Select((id, index) => (id, index)).GroupBy(entry => entry.id).Where(group => group.Count() > 1))
            {
                errors.Add($"personaIds[{duplicate.Last().index}]", $"Persona {duplicate.Key} is listed more than once.");
            }
        }

        questions = errors.IsEmpty ? valid : [];
        return errors.ToDictionary();
    }

    /// <summary>The comparison key of an option: case, surrounding and repeated whitespace do not make a new option.</summary>
    public static string OptionKey(string option) =>
        string.Join(' ', option.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static SurveyQuestion? Question(FieldErrors errors, string field, SurveyQuestionDraft? draft)
    {
        if (draft is null)
        {
            errors.Add(field, "A question cannot be null.");
            return null;
        }

        var before = errors.Count;
        var text = draft.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add($"{field}.text", "A question needs its text.");
        }
        else if (text.Length > MaxQuestionTextLength)
        {
            errors.Add($"{field}.text", $"The text may have at most {MaxQuestionTextLength} characters.");
        }

        if (!SurveyQuestionTypes.TryParse(draft.Type, out var type))
        {
            errors.Add($"{field}.type", $"Unknown question type '{draft.Type}'. Known types: {string.Join(", ", SurveyQuestionTypes.WireNames)}.");
            return null;
        }

        var question = type switch
        {
            SurveyQuestionType.SingleChoice or SurveyQuestionType.MultipleChoice => Choice(errors, field, draft, type),
            SurveyQuestionType.RatingScale => Rating(errors, field, draft),
            _ => OpenText(errors, field, draft),
        };
        return errors.Count == before ? question with { Text = text! } : null;
    }

    private static SurveyQuestion Choice(FieldErrors errors, string field, SurveyQuestionDraft draft, SurveyQuestionType type)
    {
        NotAllowed(errors, field, draft.Min is not null || draft.Max is not null || draft.MinLabel is not null || draft.MaxLabel is not null,
            "min, max, minLabel and maxLabel", "rating scales");
        var options = Options(errors, field, draft.Options);
        if (type == SurveyQuestionType.SingleChoice)
        {
            NotAllowed(errors, field, draft.MinSelections is not null || draft.MaxSelections is not null, "minSelections and maxSelections", "multiple choice");
            return new SurveyQuestion { Type = type, Options = options };
        }

        var min = draft.MinSelections ?? 1;
        var max = draft.MaxSelections ?? Math.Max(options.Count, 1);
        if (min < 1)
        {
            errors.Add($"{field}.minSelections", "At least one selection must be required (minSelections ≥ 1).");
        }

        if (max < min)
        {
            errors.Add($"{field}.maxSelections", $"maxSelections ({max}) must not be below minSelections ({min}).");
        }
        else if (options.Count >= MinOptions && max > options.Count)
        {
            errors.Add($"{field}.maxSelections", $"maxSelections ({max}) cannot exceed the number of options ({options.Count}).");
        }

        return new SurveyQuestion { Type = type, Options = options, MinSelections = min, MaxSelections = max };
    }

    private static List<string> Options(FieldErrors errors, string field, List<string?>? options)
    {
        var optionsField = $"{field}.options";
        if (options is null || options.Count < MinOptions)
        {
            errors.Add(optionsField, $"A choice question needs at least {MinOptions} options.");
            return options?.Where(option => !string.IsNullOrWhiteSpace(option)).Select(option => option!.Trim()).ToList() ?? [];
        }

        if (options.Count > MaxOptions)
        {
            errors.Add(optionsField, $"A choice question may have at most {MaxOptions} options.");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < options.Count; index++)
        {
            var option = options[index];
            if (string.IsNullOrWhiteSpace(option))
            {
                errors.Add(optionsField, $"Option {index} is empty.");
                continue;
            }

            if (option.Trim().Length > MaxOptionLength)
            {
                errors.Add(optionsField, $"Option {index} has more than {MaxOptionLength} characters.");
            }

            if (!seen.TryAdd(OptionKey(option), index))
            {
                errors.Add(optionsField, $"Option {index} ('{option.Trim()}') repeats option {seen[OptionKey(option)]} (case and spacing are ignored).");
            }
        }

        return options.Select(option => option?.Trim() ?? string.Empty).ToList();
    }

    private static SurveyQuestion Rating(FieldErrors errors, string field, SurveyQuestionDraft draft)
    {
        NotAllowed(errors, field, draft.Options is not null || draft.MinSelections is not null || draft.MaxSelections is not null,
            "options, minSelections and maxSelections", "choice questions");
        if (draft.Min is not { } min || draft.Max is not { } max)
        {
            errors.Add($"{field}.min", "A rating scale needs both min and max.");
            return new SurveyQuestion { Type = SurveyQuestionType.RatingScale };
        }

        if (min >= max)
        {
            errors.Add($"{field}.max", $"max ({max}) must be greater than min ({min}).");
        }
        else if (max - min + 1 > MaxRatingPoints)
        {
            errors.Add($"{field}.max", $"A rating scale may have at most {MaxRatingPoints} points.");
        }

        if (Math.Abs(min) > RatingBound || Math.Abs(max) > RatingBound)
        {
            errors.Add($"{field}.min", $"min and max must lie between -{RatingBound} and {RatingBound}.");
        }

        errors.AddIfTooLong($"{field}.minLabel", draft.MinLabel, MaxLabelLength);
        errors.AddIfTooLong($"{field}.maxLabel", draft.MaxLabel, MaxLabelLength);
        return new SurveyQuestion
        {
            Type = SurveyQuestionType.RatingScale,
            Minimum = min,
            Maximum = max,
            MinimumLabel = string.IsNullOrWhiteSpace(draft.MinLabel) ? null : draft.MinLabel.Trim(),
            MaximumLabel = string.IsNullOrWhiteSpace(draft.MaxLabel) ? null : draft.MaxLabel.Trim(),
        };
    }

    private static SurveyQuestion OpenText(FieldErrors errors, string field, SurveyQuestionDraft draft)
    {
        NotAllowed(errors, field, draft.Options is not null || draft.MinSelections is not null || draft.MaxSelections is not null
            || draft.Min is not null || draft.Max is not null || draft.MinLabel is not null || draft.MaxLabel is not null,
            "options, selections and scale bounds", "closed questions");
        return new SurveyQuestion { Type = SurveyQuestionType.OpenText };
    }

    private static void NotAllowed(FieldErrors errors, string field, bool present, string what, string belongsTo)
    {
        if (present)
        {
            errors.Add($"{field}.type", $"{what} belong to {belongsTo}, not to this question type.");
        }
    }
}

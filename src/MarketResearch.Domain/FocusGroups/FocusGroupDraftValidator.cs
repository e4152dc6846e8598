namespace MarketResearch.Domain.FocusGroups;

/// <summary>Checks the shape of a focus-group draft; whether the personas exist in the project is checked against the database.</summary>
public static class FocusGroupDraftValidator
{
    public const int MaxNameLength = 200;
    public const int MinPersonas = 1;
    public const int MaxPersonas = 200;
    public const int MinQuestions = 1;
    public const int MaxQuestions = 20;
    public const int MaxQuestionLength = 1000;

    public static IReadOnlyDictionary<string, string[]> Validate(FocusGroupDraft draft)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(draft.Name))
        {
            errors.Add("name", "A focus group needs a name.");
        }
        else if (draft.Name.Trim().Length > MaxNameLength)
        {
            errors.Add("name", $"The name may have at most {MaxNameLength} characters.");
        }

        var personas = draft.PersonaIds ?? [];
        if (personas.Count is < MinPersonas or > MaxPersonas)
        {
            errors.Add("personaIds", $"Choose between {MinPersonas} and {MaxPersonas} personas.");
        }

        foreach (var duplicate in personas.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => group.Key))
        {
            errors.Add("personaIds", $"Persona {duplicate} is listed more than once.");
        }

        var questions = draft.Questions ?? [];
        if (questions.Count is < MinQuestions or > MaxQuestions)
        {
            errors.Add("questions", $"Ask between {MinQuestions} and {MaxQuestions} questions.");
        }

        for (var index = 0; index < questions.Count; index++)
        {
            var question = questions[index]?.Trim();
            if (string.IsNullOrEmpty(question))
            {
                errors.Add($"questions[{index}]", "A question cannot be empty.");
            }
            else if (question.Length > MaxQuestionLength)
            {
                errors.Add($"questions[{index}]", $"A question may have at most {MaxQuestionLength} characters.");
            }
        }

        foreach (var duplicate in questions.Select(q => q?.Trim()).Where(q => !string.IsNullOrEmpty(q))
            .GroupBy(q => q, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            errors.Add("questions", $"The question \"{duplicate.Key}\" is asked more than once.");
        }

        return errors.ToDictionary();
    }

    /// <summary>The questions as stored: trimmed.</summary>
    public static List<string> Normalize(IReadOnlyList<string?> questions) => questions.Select(q => q!.Trim()).ToList();
}

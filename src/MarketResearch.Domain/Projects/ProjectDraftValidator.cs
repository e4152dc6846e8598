namespace MarketResearch.Domain.Projects;

/// <summary>Checks a project draft and names every field that is wrong, keyed by its JSON path.</summary>
public static class ProjectDraftValidator
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxValuesPerCategory = 50;
    public const int MaxValueLabelLength = 100;

    /// <summary>How far a category's weights may stray from 1 (clients round their shares).</summary>
    public const double WeightSumTolerance = 0.01;

    public static IReadOnlyDictionary<string, string[]> Validate(ProjectDraft draft)
    {
        var errors = new FieldErrors();

        if (string.IsNullOrWhiteSpace(draft.Name))
        {
            errors.Add("name", "A project needs a name.");
        }
        else if (draft.Name.Trim().Length > MaxNameLength)
        {
            errors.Add("name", $"The name may have at most {MaxNameLength} characters.");
        }

        errors.AddIfTooLong("description", draft.Description, MaxTextLength);
        errors.AddIfTooLong("objectives", draft.Objectives, MaxTextLength);

        if (draft.Locale is not null && !Locales.All.Contains(draft.Locale, StringComparer.Ordinal))
        {
            errors.Add("locale", $"The locale must be one of: {string.Join(", ", Locales.All)}.");
        }

        if (draft.Audience is not null)
        {
            errors.AddIfTooLong("audience.description", draft.Audience.Description, MaxTextLength);
            foreach (var (category, values) in draft.Audience.Distributions ?? [])
            {
                ValidateCategory(errors, category, values);
            }
        }

        return errors.ToDictionary();
    }

    private static void ValidateCategory(FieldErrors errors, string category, Dictionary<string, double>? values)
    {
        var field = $"audience.distributions.{category}";
        if (!AudienceCategories.IsKnown(category))
        {
            errors.Add(field, $"Unknown category '{category}'. Known categories: {string.Join(", ", AudienceCategories.All)}.");
            return;
        }

        if (values is null || values.Count == 0)
        {
            errors.Add(field, "A category needs at least one value with a weight.");
            return;
        }

        if (values.Count > MaxValuesPerCategory)
        {
            errors.Add(field, $"A category may have at most {MaxValuesPerCategory} values.");
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (label, weight) in values)
        {
            var trimmed = label.Trim();
            if (trimmed.Length == 0 || trimmed.Length > MaxValueLabelLength)
            {
                errors.Add(field, $"Value labels must have 1 to {MaxValueLabelLength} characters.");
            }
            else if (!labels.Add(trimmed))
            {
                errors.Add(field, $"The value '{trimmed}' appears more than once.");
            }

            if (double.IsNaN(weight) || double.IsInfinity(weight) || weight < 0)
            {
                errors.Add(field, $"The weight of '{trimmed}' must be zero or positive.");
            }
        }

        var sum = values.Values.Sum();
        if (Math.Abs(sum - 1.0) > WeightSumTolerance)
        {
            errors.Add(field, $"Weights must sum to 1 (±{WeightSumTolerance}); they sum to {sum:0.###}.");
        }
    }
}

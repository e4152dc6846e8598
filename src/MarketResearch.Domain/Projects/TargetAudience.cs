namespace MarketResearch.Domain.Projects;

/// <summary>
/// Who a project studies: per-category shares (each category's weights sum to 1) plus a free-text portrait.
/// </summary>
public sealed record TargetAudience(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Distributions,
    string? Description)
{
    public static TargetAudience Empty { get; } =
        new(new Dictionary<string, IReadOnlyDictionary<string, double>>(), null);

    /// <summary>Builds the stored audience from a validated draft, keeping category and value order.</summary>
    public static TargetAudience From(AudienceDraft? draft)
    {
        if (draft is null)
        {
            return Empty;
        }

        var distributions = (draft.Distributions ?? [])
            .ToDictionary(
                category => category.Key,
                category => (IReadOnlyDictionary<string, double>)category.Value!
                    .ToDictionary(value => value.Key.Trim(), value => value.Value, StringComparer.Ordinal),
                StringComparer.Ordinal);
        var description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        return new TargetAudience(distributions, description);
    }

    public bool Equals(TargetAudience? other) =>
        other is not null
        && Description == other.Description
        && Distributions.Count == other.Distributions.Count
        && Distributions.All(category =>
            other.Distributions.TryGetValue(category.Key, out var values)
            && values.Count == category.Value.Count
            && category.Value.All(value => values.TryGetValue(value.Key, out var weight) && weight == value.Value));

    public override int GetHashCode() => HashCode.Combine(Description, Distributions.Count);
}

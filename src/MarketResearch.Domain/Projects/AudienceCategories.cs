namespace MarketResearch.Domain.Projects;

/// <summary>The demographic categories a target audience can be described by.</summary>
public static class AudienceCategories
{
    public const string Age = "age";
    public const string Gender = "gender";
    public const string Education = "education";
    public const string Income = "income";
    public const string Location = "location";
    public const string Occupation = "occupation";

    public static IReadOnlyList<string> All { get; } = [Age, Gender, Education, Income, Location, Occupation];

    public static bool IsKnown(string category) => All.Contains(category, StringComparer.Ordinal);
}

namespace MarketResearch.Domain.Projects;

/// <summary>The locales personas, names and offline answers are generated for.</summary>
public static class Locales
{
    public const string English = "en";
    public const string Polish = "pl";

    public static IReadOnlyList<string> All { get; } = [English, Polish];
}

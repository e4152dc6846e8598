using MarketResearch.Domain.Projects;

namespace MarketResearch.Domain.Personas;

/// <summary>
/// Shares used for audience categories the researcher left out, so every persona still has a full profile.
/// They are rounded, approximate adult-population mixes (en: US/UK-like; pl: Poland, after GUS figures),
/// meant as a plausible backdrop, not as census data; a researcher who cares sets the category explicitly.
/// Labels are English in both locales so age and occupation rules can read them.
/// </summary>
public static class AudienceDefaults
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> English =
        new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal)
        {
            [AudienceCategories.Age] = Shares(("18-24", 0.12), ("25-34", 0.17), ("35-44", 0.17), ("45-54", 0.16), ("55-64", 0.16), ("65+", 0.22)),
            [AudienceCategories.Gender] = Shares(("female", 0.51), ("male", 0.49)),
            [AudienceCategories.Education] = Shares(("secondary or less", 0.38), ("some college or vocational", 0.25), ("bachelor's degree", 0.23), ("postgraduate degree", 0.14)),
            [AudienceCategories.Income] = Shares(("low", 0.30), ("middle", 0.50), ("high", 0.20)),
            [AudienceCategories.Location] = Shares(("urban", 0.31), ("suburban", 0.52), ("rural", 0.17)),
            [AudienceCategories.Occupation] = Shares(("employed full-time", 0.48), ("employed part-time", 0.10), ("self-employed", 0.07), ("student", 0.07), ("unemployed", 0.04), ("retired", 0.20), ("homemaker", 0.04)),
        };

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Polish =
        new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal)
        {
            [AudienceCategories.Age] = Shares(("18-24", 0.09), ("25-34", 0.14), ("35-44", 0.20), ("45-54", 0.17), ("55-64", 0.15), ("65+", 0.25)),
            [AudienceCategories.Gender] = Shares(("female", 0.52), ("male", 0.48)),
            [AudienceCategories.Education] = Shares(("primary or lower secondary", 0.17), ("vocational", 0.23), ("secondary", 0.33), ("higher", 0.27)),
            [AudienceCategories.Income] = Shares(("low", 0.30), ("middle", 0.50), ("high", 0.20)),
            [AudienceCategories.Location] = Shares(("city", 0.60), ("rural", 0.40)),
            [AudienceCategories.Occupation] = Shares(("employed full-time", 0.50), ("employed part-time", 0.05), ("self-employed", 0.09), ("student", 0.07), ("unemployed", 0.04), ("retired", 0.22), ("homemaker", 0.03)),
        };

    /// <summary>The default shares of one category in a locale; unknown locales use the English defaults.</summary>
    public static IReadOnlyDictionary<string, double> For(string category, string locale) =>
        (locale == Locales.Polish ? Polish : English)[category];

    /// <summary>The audience with every known category present: the researcher's shares where given, defaults elsewhere.</summary>
    public static TargetAudience Complete(TargetAudience audience, string locale)
    {
        var distributions = new Dictionary<string, IReadOnlyDictionary<string, double>>(audience.Distributions, StringComparer.Ordinal);
        foreach (var category in AudienceCategories.All)
        {
            distributions.TryAdd(category, For(category, locale));
        }

        return audience with { Distributions = distributions };
    }

    private static IReadOnlyDictionary<string, double> Shares(params (string Value, double Share)[] shares) =>
        shares.ToDictionary(share => share.Value, share => share.Share, StringComparer.Ordinal);
}

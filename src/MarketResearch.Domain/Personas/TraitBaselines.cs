using MarketResearch.Domain.Projects;

namespace MarketResearch.Domain.Personas;

/// <summary>Where each trait is centred for a locale before any skew.</summary>
public static class TraitBaselines
{
    /// <summary>Big Five scores are population-normed, so the midpoint is the average person in any country.</summary>
    public const double BigFiveMean = 0.5;

    /// <summary>Hofstede publishes country scores on a 0–100 scale.</summary>
    private const double HofstedeScale = 100.0;

    // Hofstede, Hofstede & Minkov, "Cultures and Organizations" (3rd ed., 2010), as listed by
    // hofstede-insights.com (later revisions by The Culture Factor change some dimensions): Poland PDI 68, IDV 60, MAS 64, UAI 93, LTO 38, IVR 29.
    private static readonly IReadOnlyDictionary<PersonaTrait, double> Poland = Hofstede(68, 60, 64, 93, 38, 29);

    // Same source. "en" is no single country, so it is the mean of the United States
    // (PDI 40, IDV 91, MAS 62, UAI 46, LTO 26, IVR 68) and the United Kingdom (35, 89, 66, 35, 51, 69).
    private static readonly IReadOnlyDictionary<PersonaTrait, double> EnglishSpeaking = Hofstede(37.5, 90, 64, 40.5, 38.5, 68.5);

    /// <summary>The centre of every trait for a locale; unknown locales use the English-speaking default.</summary>
    public static double Mean(PersonaTrait trait, string locale) =>
        PersonaTraitNames.BigFive.Contains(trait)
            ? BigFiveMean
            : (locale == Locales.Polish ? Poland : EnglishSpeaking)[trait];

    private static Dictionary<PersonaTrait, double> Hofstede(
        double powerDistance, double individualism, double masculinity,
        double uncertaintyAvoidance, double longTermOrientation, double indulgence) => new()
        {
            [PersonaTrait.PowerDistance] = powerDistance / HofstedeScale,
            [PersonaTrait.Individualism] = individualism / HofstedeScale,
            [PersonaTrait.Masculinity] = masculinity / HofstedeScale,
            [PersonaTrait.UncertaintyAvoidance] = uncertaintyAvoidance / HofstedeScale,
            [PersonaTrait.LongTermOrientation] = longTermOrientation / HofstedeScale,
            [PersonaTrait.Indulgence] = indulgence / HofstedeScale,
        };
}

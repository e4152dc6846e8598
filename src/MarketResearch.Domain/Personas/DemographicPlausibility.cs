using MarketResearch.Domain.Projects;

namespace MarketResearch.Domain.Personas;

/// <summary>
/// Combinations that independent shuffling can produce but no real person has (a 22-year-old retiree).
/// Repairs swap one category's values between two personas, so every marginal count stays exact.
/// </summary>
public static class DemographicPlausibility
{
    /// <summary>Below this age "retired" is implausible; uniformed services in Poland can retire from about 40.</summary>
    public const int YoungestRetirementAge = 40;

    /// <summary>Below this age nobody has finished a degree.</summary>
    public const int YoungestGraduateAge = 21;

    private static readonly string[] RetiredWords = ["retire", "pension", "emeryt", "rencist"];
    private static readonly string[] DegreeWords = ["higher", "bachelor", "master", "postgraduate", "doctor", "phd", "university", "degree", "wyższe", "magister", "licencjat"];

    /// <summary>The category whose value should change to make the persona plausible, or null when it already is.</summary>
    public static string? ImplausibleCategory(IReadOnlyDictionary<string, string> persona)
    {
        if (!persona.TryGetValue(AudienceCategories.Age, out var age) || !AgeBand.TryParse(age, out var band))
        {
            return null;
        }

        if (band.Highest < YoungestRetirementAge && Mentions(persona, AudienceCategories.Occupation, RetiredWords))
        {
            return AudienceCategories.Occupation;
        }

        return band.Highest < YoungestGraduateAge && Mentions(persona, AudienceCategories.Education, DegreeWords)
            ? AudienceCategories.Education
            : null;
    }

    /// <summary>
    /// Swaps values of the offending category with a donor persona when the swap leaves both plausible.
    /// Personas marked protected (edge cases) are never used as donors, so their unusual values stay theirs.
    /// </summary>
    public static void Repair(IReadOnlyList<Dictionary<string, string>> personas, IReadOnlyList<bool> isProtected)
    {
        for (var i = 0; i < personas.Count; i++)
        {
            if (ImplausibleCategory(personas[i]) is not { } category)
            {
                continue;
            }

            for (var offset = 1; offset < personas.Count; offset++)
            {
                var donor = (i + offset) % personas.Count;
                if (!isProtected[donor] && TrySwap(personas[i], personas[donor], category))
                {
                    break;
                }
            }
        }
    }

    private static bool TrySwap(Dictionary<string, string> persona, Dictionary<string, string> donor, string category)
    {
        (persona[category], donor[category]) = (donor[category], persona[category]);
        if (ImplausibleCategory(persona) is null && ImplausibleCategory(donor) is null)
        {
            return true;
        }

        (persona[category], donor[category]) = (donor[category], persona[category]);
        return false;
    }

    private static bool Mentions(IReadOnlyDictionary<string, string> persona, string category, string[] words) =>
        persona.TryGetValue(category, out var value)
        && words.Any(word => value.Contains(word, StringComparison.OrdinalIgnoreCase));
}

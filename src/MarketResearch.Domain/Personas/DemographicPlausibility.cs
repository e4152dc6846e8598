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

    private static readonly Rule[] Rules =
    [
        new(AudienceCategories.Occupation, YoungestRetirementAge, ["retire", "pension", "emeryt", "rencist"]),
        new(AudienceCategories.Education, YoungestGraduateAge, ["higher", "bachelor", "master", "postgraduate", "doctor", "phd", "university", "degree", "wyższe", "magister", "licencjat"]),
    ];

    /// <summary>The first category whose value no one of this age could have, or null when the persona is plausible.</summary>
    public static string? ImplausibleCategory(IReadOnlyDictionary<string, string> persona) =>
        Rules.FirstOrDefault(rule => rule.IsBrokenBy(persona))?.Category;

    /// <summary>
    /// Swaps the offending value with a donor persona when that fixes the rule and leaves the donor plausible.
    /// Protected personas (edge cases) are never donors, so their unusual values stay theirs. A combination no
    /// donor can fix (e.g. an audience of only young retirees) is left as the researcher asked for it.
    /// </summary>
    public static void Repair(IReadOnlyList<Dictionary<string, string>> personas, IReadOnlyList<bool> isProtected)
    {
        for (var i = 0; i < personas.Count; i++)
        {
            foreach (var rule in Rules.Where(rule => rule.IsBrokenBy(personas[i])))
            {
                for (var offset = 1; offset < personas.Count; offset++)
                {
                    var donor = (i + offset) % personas.Count;
                    if (!isProtected[donor] && TrySwap(personas[i], personas[donor], rule))
                    {
                        break;
                    }
                }
            }
        }
    }

    private static bool TrySwap(Dictionary<string, string> persona, Dictionary<string, string> donor, Rule rule)
    {
        // A donor offering another value the rule forbids cannot help; checking first spares most swaps.
        if (!donor.TryGetValue(rule.Category, out var offered) || rule.Forbids(offered))
        {
            return false;
        }

        (persona[rule.Category], donor[rule.Category]) = (donor[rule.Category], persona[rule.Category]);
        if (!rule.IsBrokenBy(persona) && ImplausibleCategory(donor) is null)
        {
            return true;
        }

        (persona[rule.Category], donor[rule.Category]) = (donor[rule.Category], persona[rule.Category]);
        return false;
    }

    /// <summary>A value of <paramref name="Category"/> mentioning any of the words needs an age band reaching <paramref name="YoungestAge"/>.</summary>
    private sealed record Rule(string Category, int YoungestAge, string[] Words)
    {
        public bool IsBrokenBy(IReadOnlyDictionary<string, string> persona) =>
            persona.TryGetValue(AudienceCategories.Age, out var age)
            && AgeBand.TryParse(age, out var band)
            && band.Highest < YoungestAge
            && persona.TryGetValue(Category, out var value)
            && Forbids(value);

        public bool Forbids(string value) => Words.Any(word => value.Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}

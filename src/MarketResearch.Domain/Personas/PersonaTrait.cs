namespace MarketResearch.Domain.Personas;

/// <summary>The Big Five personality traits and Hofstede's six cultural dimensions, each scored 0..1.</summary>
public enum PersonaTrait
{
    Openness,
    Conscientiousness,
    Extraversion,
    Agreeableness,
    Neuroticism,
    PowerDistance,
    Individualism,
    Masculinity,
    UncertaintyAvoidance,
    LongTermOrientation,
    Indulgence,
}

/// <summary>Trait families and the camelCase names clients use for traits (e.g. in "skews.openness").</summary>
public static class PersonaTraitNames
{
    public static IReadOnlyList<PersonaTrait> All { get; } = Enum.GetValues<PersonaTrait>();

    public static IReadOnlyList<PersonaTrait> BigFive { get; } =
    [
        PersonaTrait.Openness, PersonaTrait.Conscientiousness, PersonaTrait.Extraversion,
        PersonaTrait.Agreeableness, PersonaTrait.Neuroticism,
    ];

    public static IReadOnlyList<PersonaTrait> Hofstede { get; } = All.Except(BigFive).ToArray();

    public static string Name(PersonaTrait trait)
    {
        var name = trait.ToString();
        return string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
    }

    public static bool TryParse(string name, out PersonaTrait trait)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                trait = candidate;
                return true;
            }
        }

        trait = default;
        return false;
    }
}

using MarketResearch.Domain.Projects;

namespace MarketResearch.Domain.Personas;

/// <summary>A persona's given name and surname, already in the form its gender and locale require.</summary>
public sealed record PersonaName(string FirstName, string LastName, NameGender Gender)
{
    public string FullName => $"{FirstName} {LastName}";
}

/// <summary>
/// Names a panel: locale-appropriate, agreeing with each persona's gender (Polish surnames inflect), and with
/// no full name used twice while unused combinations remain. Labels that imply neither gender (e.g. "non-binary")
/// get a seeded choice of name form, because Polish grammar needs one.
/// </summary>
public static class PersonaNames
{
    private static readonly NameGender[] NameForms = Enum.GetValues<NameGender>();

    public static PersonaName[] Assign(IReadOnlyList<string?> genderLabels, string locale, long seed)
    {
        var random = SeededRandom.For(seed, "names");
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var names = new PersonaName[genderLabels.Count];
        for (var slot = 0; slot < names.Length; slot++)
        {
            var gender = GenderLabels.Recognise(genderLabels[slot]) ?? NameForms[random.NextInt(NameForms.Length)];
            names[slot] = Pick(locale, gender, random, taken);
            taken.Add(names[slot].FullName);
        }

        return names;
    }

    /// <summary>Draws a combination at random, then walks the combinations from there to the first unused one.</summary>
    private static PersonaName Pick(string locale, NameGender gender, SeededRandom random, HashSet<string> taken)
    {
        var (firstNames, surnames) = Lists(locale, gender);
        var combinations = firstNames.Length * surnames.Length;
        var start = random.NextInt(combinations);
        PersonaName? first = null;
        for (var step = 0; step < combinations; step++)
        {
            var index = (start + step) % combinations;
            var candidate = Compose(locale, gender, firstNames[index / surnames.Length], surnames[index % surnames.Length]);
            first ??= candidate;
            if (!taken.Contains(candidate.FullName))
            {
                return candidate;
            }
        }

        return first!;
    }

    private static (string[] FirstNames, string[] Surnames) Lists(string locale, NameGender gender) => locale switch
    {
        Locales.Polish => (gender == NameGender.Female ? PolishNames.Female : PolishNames.Male, PolishNames.Surnames),
        _ => (gender == NameGender.Female ? EnglishNames.Female : EnglishNames.Male, EnglishNames.Surnames),
    };

    private static PersonaName Compose(string locale, NameGender gender, string firstName, string surname) =>
        new(firstName, locale == Locales.Polish && gender == NameGender.Female ? PolishNames.Feminine(surname) : surname, gender);
}

using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.UnitTests.Personas;

public sealed class PersonaNamesTests
{
    private static readonly string[] InflectingEndings = ["ski", "cki", "dzki"];

    [Fact]
    public void Polish_women_bear_the_feminine_form_of_adjectival_surnames()
    {
        var names = PersonaNames.Assign(Genders(("kobieta", 300)), Locales.Polish, seed: 11);

        Assert.All(names, name => Assert.DoesNotContain(InflectingEndings, ending => name.LastName.EndsWith(ending, StringComparison.Ordinal)));
        Assert.Contains(names, name => name.LastName.EndsWith("ska", StringComparison.Ordinal));
        Assert.Contains(names, name => name.LastName.EndsWith("cka", StringComparison.Ordinal));
        Assert.Contains(names, name => name.LastName.EndsWith("dzka", StringComparison.Ordinal));
    }

    [Fact]
    public void Polish_men_keep_the_masculine_surname()
    {
        var names = PersonaNames.Assign(Genders(("male", 300)), Locales.Polish, seed: 12);

        Assert.All(names, name => Assert.False(name.LastName.EndsWith("ska", StringComparison.Ordinal) || name.LastName.EndsWith("cka", StringComparison.Ordinal), name.FullName));
        Assert.Contains(names, name => name.LastName.EndsWith("ski", StringComparison.Ordinal));
    }

    [Fact]
    public void Polish_given_names_agree_with_gender()
    {
        var names = PersonaNames.Assign(Genders(("female", 200), ("male", 200)), Locales.Polish, seed: 13);

        Assert.All(names.Take(200), name => Assert.EndsWith("a", name.FirstName, StringComparison.Ordinal));
        Assert.All(names.Skip(200), name => Assert.False(name.FirstName.EndsWith('a'), name.FirstName));
        Assert.All(names.Take(200), name => Assert.Equal(NameGender.Female, name.Gender));
    }

    [Fact]
    public void The_same_surname_is_inflected_for_a_woman_and_kept_for_a_man()
    {
        var women = PersonaNames.Assign(Genders(("female", 1000)), Locales.Polish, seed: 14);
        var men = PersonaNames.Assign(Genders(("male", 1000)), Locales.Polish, seed: 14);

        Assert.Contains(women, name => name.LastName == "Kowalska");
        Assert.Contains(men, name => name.LastName == "Kowalski");
        Assert.Contains(women, name => name.LastName == "Nowak");
        Assert.DoesNotContain(women, name => name.LastName == "Nowaka");
    }

    [Fact]
    public void English_names_follow_gender()
    {
        var names = PersonaNames.Assign(Genders(("woman", 50), ("man", 50)), Locales.English, seed: 15);

        Assert.All(names.Take(50), name => Assert.Equal(NameGender.Female, name.Gender));
        Assert.All(names.Skip(50), name => Assert.Equal(NameGender.Male, name.Gender));
        Assert.Empty(names.Take(50).Select(name => name.FirstName).Intersect(names.Skip(50).Select(name => name.FirstName)));
    }

    [Fact]
    public void A_panel_of_a_thousand_has_no_duplicate_full_names()
    {
        foreach (var locale in Locales.All)
        {
            var names = PersonaNames.Assign(Genders(("female", 500), ("male", 500)), locale, seed: 16);

            Assert.Equal(names.Length, names.Select(name => name.FullName).Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Labels_implying_neither_gender_get_both_name_forms_across_a_panel()
    {
        var names = PersonaNames.Assign(Genders(("non-binary", 100)), Locales.Polish, seed: 17);

        Assert.Contains(names, name => name.Gender == NameGender.Female);
        Assert.Contains(names, name => name.Gender == NameGender.Male);
        Assert.All(names.Where(name => name.Gender == NameGender.Female), name => Assert.EndsWith("a", name.FirstName, StringComparison.Ordinal));
    }

    [Fact]
    public void Names_replay_from_the_seed_and_change_with_it()
    {
        var genders = Genders(("female", 10), ("male", 10));

        Assert.Equal(PersonaNames.Assign(genders, Locales.Polish, 18), PersonaNames.Assign(genders, Locales.Polish, 18));
        Assert.NotEqual(PersonaNames.Assign(genders, Locales.Polish, 18), PersonaNames.Assign(genders, Locales.Polish, 19));
    }

    [Theory]
    [InlineData("Female", NameGender.Female)]
    [InlineData(" K ", NameGender.Female)]
    [InlineData("Mężczyzna", NameGender.Male)]
    [InlineData("men", NameGender.Male)]
    [InlineData("other", null)]
    [InlineData(null, null)]
    public void Gender_labels_are_recognised_in_both_languages(string? label, NameGender? expected)
    {
        Assert.Equal(expected, GenderLabels.Recognise(label));
    }

    private static string?[] Genders(params (string Label, int Count)[] groups) =>
        groups.SelectMany(group => Enumerable.Repeat<string?>(group.Label, group.Count)).ToArray();
}

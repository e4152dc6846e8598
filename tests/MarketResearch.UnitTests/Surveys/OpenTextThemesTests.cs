using MarketResearch.Domain.Surveys;

namespace MarketResearch.UnitTests.Surveys;

public sealed class OpenTextThemesTests
{
    private static List<(Guid, string)> Answers(params string[] texts) => texts.Select(text => (Guid.NewGuid(), text)).ToList();

    [Fact]
    public void Answers_sharing_a_key_phrase_form_a_theme_with_a_representative()
    {
        var themes = OpenTextThemes.Find(Answers(
            "The delivery fee is far too high.",
            "I hate paying a delivery fee every time.",
            "A delivery fee on top of the price kills it.",
            "The recipes look healthy and fresh.",
            "Healthy recipes for my kids would be great.",
            "No opinion."), "What would stop you from subscribing to the meal box?", maxThemes: 5);

        Assert.Equal("delivery fee", themes[0].Label);
        Assert.Equal(3, themes[0].Count);
        Assert.Contains("delivery fee", themes[0].Representative, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(themes, theme => theme.KeyPhrases.Contains("healthy") && theme.Count == 2);
        Assert.Equal(OpenTextThemes.OtherLabel, themes[^1].Label);
        Assert.Equal(6, themes.Sum(theme => theme.Count));
        Assert.Equal(1, themes.Sum(theme => theme.Share), 12);
    }

    [Fact]
    public void Words_the_question_already_uses_are_no_theme()
    {
        var themes = OpenTextThemes.Find(Answers("The meal box is fine.", "A meal box, why not.", "Meal box again, cheap option."),
            "What do you think of the meal box?", maxThemes: 5);

        Assert.DoesNotContain(themes, theme => theme.Label.Contains("meal", StringComparison.Ordinal) || theme.Label.Contains("box", StringComparison.Ordinal));
    }

    [Fact]
    public void Themes_are_capped_and_the_rest_is_other()
    {
        var themes = OpenTextThemes.Find(Answers("price price", "price", "taste", "taste", "brand", "brand", "habit", "habit"), "Why?", maxThemes: 3);

        Assert.Equal(3, themes.Count);
        Assert.Equal(OpenTextThemes.OtherLabel, themes[^1].Label);
        Assert.Equal(8, themes.Sum(theme => theme.Count));
    }

    [Fact]
    public void Plurals_and_case_count_as_one_phrase()
    {
        Assert.Equal(["price"], OpenTextThemes.Phrases("Prices!", new HashSet<string>()));
        Assert.Equal(["battery"], OpenTextThemes.Phrases("the BATTERIES", new HashSet<string>()));
    }

    [Fact]
    public void No_answers_no_themes()
    {
        Assert.Empty(OpenTextThemes.Find([], "Why?", maxThemes: 4));
    }
}

using MarketResearch.Domain.Personas;

namespace MarketResearch.UnitTests.Personas;

public sealed class PanelQualityTests
{
    [Fact]
    public void Trait_spread_is_the_sample_standard_deviation()
    {
        // Openness 0.2, 0.4, 0.6, 0.8: mean 0.5, squared deviations sum to 0.2, over n − 1 = 3.
        var panel = new[] { 0.2, 0.4, 0.6, 0.8 }.Select(openness => Traits(openness)).ToArray();

        var spread = PanelQuality.TraitSpread(panel);

        Assert.Equal(Math.Sqrt(0.2 / 3), spread[PersonaTrait.Openness], 12);
        Assert.Equal(0, spread[PersonaTrait.Indulgence], 12);
    }

    [Fact]
    public void A_single_persona_has_no_spread()
    {
        Assert.All(PanelQuality.TraitSpread([Traits(0.7)]).Values, spread => Assert.Equal(0, spread));
    }

    [Fact]
    public void Identical_stories_have_distance_zero_and_unrelated_ones_distance_one()
    {
        var same = PanelQuality.Distinctness(["I buy oat milk every week.", "i buy OAT milk, every week!"]);
        var unrelated = PanelQuality.Distinctness(["I buy oat milk every week.", "Trains to Kraków are always late."]);

        Assert.Equal(0, same.MeanJaccardDistance, 12);
        Assert.Equal(1, unrelated.MeanJaccardDistance, 12);
    }

    [Fact]
    public void Distance_is_one_minus_shared_over_all_shingles()
    {
        // Shingles: {a b c, b c d} and {a b c, b c e}: one shared of three distinct, so distance 2/3.
        var result = PanelQuality.Distinctness(["a b c d", "a b c e"]);

        Assert.Equal(2.0 / 3, result.MeanJaccardDistance, 12);
    }

    [Fact]
    public void The_most_similar_pair_is_named_and_the_mean_covers_all_pairs()
    {
        var stories = new[]
        {
            "She commutes by bike and cooks at home most evenings.",
            "He works nights at the hospital in Gdańsk and sleeps in the day.",
            "She commutes by bike and cooks at home most weekends.",
        };

        var result = PanelQuality.Distinctness(stories);

        Assert.Equal((0, 2), (result.MostSimilarFirst, result.MostSimilarSecond));
        Assert.True(result.MinJaccardDistance < 0.5);
        Assert.InRange(result.MeanJaccardDistance, result.MinJaccardDistance, 1);
    }

    [Fact]
    public void Polish_letters_are_part_of_words()
    {
        var result = PanelQuality.Distinctness(["żółw", "zolw"], shingleSize: 1);

        Assert.Equal(1, result.MeanJaccardDistance, 12);
    }

    [Fact]
    public void Fewer_than_two_stories_count_as_fully_distinct()
    {
        Assert.Equal(1, PanelQuality.Distinctness(["only one"]).MeanJaccardDistance);
        Assert.Equal(1, PanelQuality.Distinctness([]).MeanJaccardDistance);
    }

    private static PersonaTraits Traits(double openness) =>
        new(PersonaTraitNames.All.ToDictionary(trait => trait, trait => trait == PersonaTrait.Openness ? openness : 0.5));
}

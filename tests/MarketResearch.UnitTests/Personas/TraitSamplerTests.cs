using MarketResearch.Domain;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.UnitTests.Personas;

public sealed class TraitSamplerTests
{
    private const int PanelSize = 500;

    [Fact]
    public void Every_score_lies_on_the_scale_with_three_decimals()
    {
        foreach (var traits in Sample(Locales.English, TraitSkews.None, PersonaArchetype.Standard))
        {
            foreach (var trait in PersonaTraitNames.All)
            {
                Assert.InRange(traits[trait], 0, 1);
                Assert.Equal(Math.Round(traits[trait], TraitSampler.Decimals), traits[trait]);
            }
        }
    }

    [Fact]
    public void Big_five_traits_centre_on_the_midpoint_with_the_configured_spread()
    {
        var panel = Sample(Locales.English, TraitSkews.None, PersonaArchetype.Standard);

        foreach (var trait in PersonaTraitNames.BigFive)
        {
            Assert.InRange(panel.Average(traits => traits[trait]), 0.47, 0.53);
            Assert.InRange(PanelQuality.TraitSpread(panel)[trait], 0.12, 0.16);
        }
    }

    [Fact]
    public void Polish_personas_avoid_uncertainty_more_and_indulge_less_than_english_speaking_ones()
    {
        var polish = Sample(Locales.Polish, TraitSkews.None, PersonaArchetype.Standard);
        var english = Sample(Locales.English, TraitSkews.None, PersonaArchetype.Standard);

        Assert.True(Mean(polish, PersonaTrait.UncertaintyAvoidance) - Mean(english, PersonaTrait.UncertaintyAvoidance) > 0.3);
        Assert.True(Mean(english, PersonaTrait.Individualism) - Mean(polish, PersonaTrait.Individualism) > 0.2);
        Assert.True(Mean(english, PersonaTrait.Indulgence) - Mean(polish, PersonaTrait.Indulgence) > 0.3);
        Assert.InRange(Mean(polish, PersonaTrait.PowerDistance), 0.64, 0.72);
    }

    [Fact]
    public void A_skew_moves_only_its_trait()
    {
        var skews = TraitSkews.Parse(new Dictionary<string, double> { ["openness"] = 0.3, ["neuroticism"] = -0.2 }, new FieldErrors());

        var panel = Sample(Locales.English, skews, PersonaArchetype.Standard);

        Assert.InRange(Mean(panel, PersonaTrait.Openness), 0.74, 0.80);
        Assert.InRange(Mean(panel, PersonaTrait.Neuroticism), 0.28, 0.34);
        Assert.InRange(Mean(panel, PersonaTrait.Extraversion), 0.47, 0.53);
    }

    [Fact]
    public void Extreme_trait_personas_sit_in_the_tails_of_every_big_five_trait_on_both_sides()
    {
        var panel = Sample(Locales.English, TraitSkews.None, PersonaArchetype.ExtremeTrait);

        foreach (var trait in PersonaTraitNames.BigFive)
        {
            Assert.All(panel, traits => Assert.True(traits[trait] <= TraitSampler.TailWidth || traits[trait] >= 1 - TraitSampler.TailWidth, $"{trait} = {traits[trait]}"));
            Assert.Contains(panel, traits => traits[trait] <= TraitSampler.TailWidth);
            Assert.Contains(panel, traits => traits[trait] >= 1 - TraitSampler.TailWidth);
        }
    }

    [Fact]
    public void Contrarians_are_disagreeable_and_otherwise_typical()
    {
        var panel = Sample(Locales.English, TraitSkews.None, PersonaArchetype.Contrarian);

        Assert.All(panel, traits => Assert.True(traits[PersonaTrait.Agreeableness] <= TraitSampler.TailWidth));
        Assert.InRange(Mean(panel, PersonaTrait.Openness), 0.47, 0.53);
    }

    [Fact]
    public void The_same_stream_gives_the_same_traits()
    {
        Assert.Equal(
            TraitSampler.Sample(Locales.Polish, TraitSkews.None, PersonaArchetype.Standard, SeededRandom.For(9, "traits")),
            TraitSampler.Sample(Locales.Polish, TraitSkews.None, PersonaArchetype.Standard, SeededRandom.For(9, "traits")));
    }

    [Fact]
    public void Traits_round_trip_through_their_saved_names()
    {
        var traits = TraitSampler.Sample(Locales.English, TraitSkews.None, PersonaArchetype.Standard, SeededRandom.For(46, "traits"));

        Assert.Equal(traits, PersonaTraits.FromNames(traits.ByName()));
        Assert.Contains("uncertaintyAvoidance", traits.ByName().Keys);
    }

    [Theory]
    [InlineData("openness", 0.51)]
    [InlineData("indulgence", -0.6)]
    [InlineData("agreeableness", double.NaN)]
    [InlineData("charisma", 0.1)]
    public void Invalid_skews_are_field_errors_named_after_the_trait(string trait, double shift)
    {
        var errors = new FieldErrors();

        TraitSkews.Parse(new Dictionary<string, double> { [trait] = shift }, errors);

        Assert.Equal([$"skews.{trait}"], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("openness", 0.5)]
    [InlineData("longTermOrientation", -0.5)]
    [InlineData("PowerDistance", 0)]
    public void Skews_up_to_half_the_scale_are_accepted(string trait, double shift)
    {
        var errors = new FieldErrors();

        TraitSkews.Parse(new Dictionary<string, double> { [trait] = shift }, errors);

        Assert.True(errors.IsEmpty);
    }

    private static PersonaTraits[] Sample(string locale, TraitSkews skews, PersonaArchetype archetype) =>
        Enumerable.Range(0, PanelSize)
            .Select(slot => TraitSampler.Sample(locale, skews, archetype, SeededRandom.For(10, "traits", slot)))
            .ToArray();

    private static double Mean(IEnumerable<PersonaTraits> panel, PersonaTrait trait) => panel.Average(traits => traits[trait]);
}

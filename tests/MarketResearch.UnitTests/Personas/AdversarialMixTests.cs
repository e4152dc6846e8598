using MarketResearch.Domain;
using MarketResearch.Domain.Personas;

namespace MarketResearch.UnitTests.Personas;

public sealed class AdversarialMixTests
{
    [Theory]
    [InlineData(100, 10, 60)]
    [InlineData(20, 2, 12)]
    [InlineData(1000, 100, 600)]
    public void Default_mode_gives_each_adversarial_archetype_exactly_a_tenth(int count, int each, int standard)
    {
        var slots = AdversarialMix.Assign(count, AdversarialOptions.On, seed: 20);

        Assert.Equal(each, slots.Count(slot => slot == PersonaArchetype.ExtremeTrait));
        Assert.Equal(each, slots.Count(slot => slot == PersonaArchetype.Contrarian));
        Assert.Equal(each, slots.Count(slot => slot == PersonaArchetype.DevilsAdvocate));
        Assert.Equal(each, slots.Count(slot => slot == PersonaArchetype.EdgeCase));
        Assert.Equal(standard, slots.Count(slot => slot == PersonaArchetype.Standard));
    }

    [Fact]
    public void Configured_shares_are_met_exactly()
    {
        var options = new AdversarialOptions(true, ExtremeTraitShare: 0.2, ContrarianShare: 0, DevilsAdvocateShare: 0.05, EdgeCaseShare: 0.15);

        var counts = AdversarialMix.Counts(40, options);

        Assert.Equal(8, counts[PersonaArchetype.ExtremeTrait]);
        Assert.Equal(0, counts[PersonaArchetype.Contrarian]);
        Assert.Equal(2, counts[PersonaArchetype.DevilsAdvocate]);
        Assert.Equal(6, counts[PersonaArchetype.EdgeCase]);
        Assert.Equal(24, counts[PersonaArchetype.Standard]);
    }

    [Fact]
    public void Shares_that_are_not_whole_stay_within_one_persona_and_sum_to_the_panel()
    {
        var random = SeededRandom.For(21, "adversarial-property");
        for (var count = 1; count <= 200; count++)
        {
            var options = new AdversarialOptions(true, random.NextDouble() / 4, random.NextDouble() / 4, random.NextDouble() / 4, random.NextDouble() / 4);

            var counts = AdversarialMix.Counts(count, options);

            Assert.Equal(count, counts.Values.Sum());
            foreach (var (archetype, share, _) in options.Shares)
            {
                Assert.True(Math.Abs(counts[archetype] - (share * count)) < 1, $"{archetype} at {count}");
            }
        }
    }

    [Fact]
    public void Without_adversarial_mode_every_persona_is_standard()
    {
        Assert.All(AdversarialMix.Assign(50, AdversarialOptions.Off, seed: 22), slot => Assert.Equal(PersonaArchetype.Standard, slot));
    }

    [Fact]
    public void Placement_replays_from_the_seed_and_is_spread_through_the_panel()
    {
        var first = AdversarialMix.Assign(100, AdversarialOptions.On, seed: 23);

        Assert.Equal(first, AdversarialMix.Assign(100, AdversarialOptions.On, seed: 23));
        Assert.NotEqual(first, AdversarialMix.Assign(100, AdversarialOptions.On, seed: 24));
        Assert.Contains(first.Take(50), slot => slot != PersonaArchetype.Standard);
        Assert.Contains(first.Skip(50), slot => slot != PersonaArchetype.Standard);
    }

    [Fact]
    public void Bad_shares_are_field_errors()
    {
        var errors = new FieldErrors();

        new AdversarialOptions(true, ExtremeTraitShare: -0.1, ContrarianShare: double.NaN, DevilsAdvocateShare: 0.6, EdgeCaseShare: 0.5).Validate(errors, "adversarial");

        Assert.Equal(
            ["adversarial", "adversarial.contrarianShare", "adversarial.extremeTraitShare"],
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(PersonaArchetype.Contrarian, "disagrees")]
    [InlineData(PersonaArchetype.DevilsAdvocate, "opposite")]
    public void Each_archetype_has_a_brief_for_the_profile_writer(PersonaArchetype archetype, string word)
    {
        Assert.Contains(word, PersonaArchetypes.Brief(archetype), StringComparison.Ordinal);
    }
}

using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.UnitTests.Personas;

public sealed class DemographicAssignmentTests
{
    private const int Trials = 200;

    [Fact]
    public void Every_marginal_count_equals_its_quota_for_random_audiences_and_archetype_mixes()
    {
        var random = SeededRandom.For(2, "assignment-property");
        for (var trial = 0; trial < Trials; trial++)
        {
            var audience = AudienceDefaults.Complete(TestAudiences.Random(random), Locales.English);
            var count = 1 + random.NextInt(PanelPlanner.MaxCount);
            var archetypes = AdversarialMix.Assign(count, AdversarialOptions.On, trial);

            var personas = DemographicAssignment.Assign(audience, archetypes, trial);

            Assert.Equal(count, personas.Length);
            foreach (var (category, shares) in audience.Distributions)
            {
                var expected = QuotaAllocator.Allocate(shares, count).Where(cell => cell.Value > 0);
                var actual = personas.GroupBy(persona => persona[category]!).ToDictionary(group => group.Key, group => group.Count());
                Assert.Equal(expected.OrderBy(cell => cell.Key, StringComparer.Ordinal), actual.OrderBy(cell => cell.Key, StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public void Categories_are_crossed_rather_than_aligned()
    {
        var audience = TestAudiences.Of(("gender", [("female", 0.5), ("male", 0.5)]), ("location", [("urban", 0.5), ("rural", 0.5)]));

        var personas = DemographicAssignment.Assign(audience, Standard(200), seed: 3);

        var ruralWomen = personas.Count(persona => persona["gender"] == "female" && persona["location"] == "rural");
        Assert.InRange(ruralWomen, 30, 70);
    }

    [Fact]
    public void Young_retirees_are_swapped_away_while_counts_stay_exact()
    {
        var audience = TestAudiences.Of(
            ("age", [("18-24", 0.5), ("65+", 0.5)]),
            ("occupation", [("retired", 0.5), ("student", 0.5)]));

        var personas = DemographicAssignment.Assign(audience, Standard(100), seed: 4);

        Assert.DoesNotContain(personas, persona => persona["age"] == "18-24" && persona["occupation"] == "retired");
        Assert.Equal(50, personas.Count(persona => persona["occupation"] == "retired"));
        Assert.Equal(50, personas.Count(persona => persona["age"] == "65+"));
    }

    [Fact]
    public void A_persona_breaking_two_rules_is_repaired_on_both()
    {
        var audience = TestAudiences.Of(
            ("age", [("18-20", 0.3), ("45-64", 0.7)]),
            ("occupation", [("retired", 0.3), ("employed full-time", 0.7)]),
            ("education", [("master's degree", 0.3), ("secondary", 0.7)]));

        var personas = DemographicAssignment.Assign(audience, Standard(100), seed: 41);

        Assert.All(personas, persona => Assert.Null(DemographicPlausibility.ImplausibleCategory(persona.Values)));
        Assert.Equal(30, personas.Count(persona => persona["education"] == "master's degree"));
    }

    [Fact]
    public void Young_retirees_no_swap_can_fix_are_kept_as_asked_and_planned_quickly()
    {
        var audience = TestAudiences.Of(("age", [("18-24", 1.0)]), ("occupation", [("retired", 0.5), ("employed", 0.5)]));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var personas = DemographicAssignment.Assign(audience, Standard(PanelPlanner.MaxCount), seed: 42);

        Assert.Equal(PanelPlanner.MaxCount / 2, personas.Count(persona => persona["occupation"] == "retired"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Edge_case_personas_draw_the_rarer_values()
    {
        var audience = TestAudiences.Of(
            ("location", [("urban", 0.8), ("rural", 0.2)]),
            ("income", [("middle", 0.85), ("high", 0.15)]));
        var archetypes = Enumerable.Range(0, 100).Select(slot => slot % 10 == 0 ? PersonaArchetype.EdgeCase : PersonaArchetype.Standard).ToArray();

        var personas = DemographicAssignment.Assign(audience, archetypes, seed: 5);

        var edgeCases = personas.Where((_, slot) => archetypes[slot] == PersonaArchetype.EdgeCase).ToArray();
        Assert.True(edgeCases.Count(persona => persona["location"] == "rural") >= 7, "most edge cases should be rural");
        Assert.True(edgeCases.Count(persona => persona["income"] == "high") >= 7, "most edge cases should be high income");
        Assert.Equal(20, personas.Count(persona => persona["location"] == "rural"));
    }

    [Fact]
    public void The_order_of_categories_in_the_audience_does_not_change_the_panel()
    {
        var forwards = TestAudiences.Of(("gender", [("female", 0.5), ("male", 0.5)]), ("age", [("18-34", 0.3), ("35+", 0.7)]));
        var backwards = TestAudiences.Of(("age", [("35+", 0.7), ("18-34", 0.3)]), ("gender", [("male", 0.5), ("female", 0.5)]));

        Assert.Equal(
            DemographicAssignment.Assign(forwards, Standard(30), seed: 6),
            DemographicAssignment.Assign(backwards, Standard(30), seed: 6));
    }

    [Theory]
    [InlineData("18-24", 18, 24)]
    [InlineData("18–24", 18, 24)]
    [InlineData("65+", 65, AgeBand.OldestAge)]
    [InlineData("65 and over", 65, AgeBand.OldestAge)]
    [InlineData("55 i więcej", 55, AgeBand.OldestAge)]
    [InlineData("under 18", 0, 17)]
    [InlineData("poniżej 25", 0, 24)]
    public void Age_labels_are_read_as_bands(string label, int lowest, int highest)
    {
        Assert.True(AgeBand.TryParse(label, out var band));
        Assert.Equal(new AgeBand(lowest, highest), band);
    }

    [Fact]
    public void Digit_runs_too_long_for_an_age_are_ignored()
    {
        Assert.False(AgeBand.TryParse("99999999999", out _));
        Assert.True(AgeBand.TryParse("born 19850 aged 30-39", out var band));
        Assert.Equal(new AgeBand(30, 39), band);
    }

    [Fact]
    public void Age_labels_without_numbers_are_not_bands()
    {
        Assert.False(AgeBand.TryParse("young adults", out _));
    }

    private static PersonaArchetype[] Standard(int count) => Enumerable.Repeat(PersonaArchetype.Standard, count).ToArray();
}

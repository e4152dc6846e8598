using System.Diagnostics;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using Xunit.Abstractions;

namespace MarketResearch.UnitTests.Personas;

public sealed class PanelPlannerTests(ITestOutputHelper output)
{
    /// <summary>A hundred times what planning takes on a loaded two-core machine; it catches accidental quadratic blow-ups.</summary>
    private static readonly TimeSpan PlanningBudget = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, double> Skews = new() { ["openness"] = 0.2, ["uncertaintyAvoidance"] = -0.1 };

    [Fact]
    public void The_same_request_gives_the_same_panel()
    {
        var request = new PanelRequest(TestAudiences.Mixed, Locales.Polish, 150, Seed: 30, AdversarialOptions.On, Skews);

        var first = PanelPlanner.Plan(request);
        var second = PanelPlanner.Plan(request);

        Assert.Equal(first.Blueprints, second.Blueprints);
        Assert.Equal(first.Audience, second.Audience);
    }

    [Fact]
    public void Different_seeds_give_different_panels_with_the_same_quotas()
    {
        var first = PanelPlanner.Plan(new PanelRequest(TestAudiences.Mixed, Locales.English, 50, Seed: 31));
        var second = PanelPlanner.Plan(new PanelRequest(TestAudiences.Mixed, Locales.English, 50, Seed: 32));

        Assert.NotEqual(first.Blueprints.Select(blueprint => blueprint.Name), second.Blueprints.Select(blueprint => blueprint.Name));
        Assert.NotEqual(first.Blueprints.Select(blueprint => blueprint.Traits), second.Blueprints.Select(blueprint => blueprint.Traits));
        Assert.NotEqual(first.Blueprints.Select(blueprint => blueprint.Demographics), second.Blueprints.Select(blueprint => blueprint.Demographics));
        Assert.Equal(Counts(first, "age"), Counts(second, "age"));
    }

    [Fact]
    public void Missing_categories_are_filled_with_the_locales_defaults()
    {
        var plan = PanelPlanner.Plan(new PanelRequest(TestAudiences.Mixed, Locales.Polish, 10, Seed: 33));

        Assert.Equal(AudienceCategories.All.Order(StringComparer.Ordinal), plan.Audience.Distributions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AudienceDefaults.For(AudienceCategories.Education, Locales.Polish), plan.Audience.Distributions[AudienceCategories.Education]);
        Assert.Equal(TestAudiences.Mixed.Distributions["location"], plan.Audience.Distributions["location"]);
        Assert.All(plan.Blueprints, blueprint => Assert.Equal(AudienceCategories.All.Count, blueprint.Demographics.Values.Count));
    }

    [Fact]
    public void Default_shares_are_well_formed()
    {
        foreach (var locale in Locales.All)
        {
            foreach (var category in AudienceCategories.All)
            {
                Assert.Equal(1.0, AudienceDefaults.For(category, locale).Values.Sum(), 9);
            }
        }
    }

    [Fact]
    public void Names_agree_with_assigned_gender_and_adversarial_traits_follow_the_archetype()
    {
        var plan = PanelPlanner.Plan(new PanelRequest(TestAudiences.Mixed, Locales.Polish, 200, Seed: 34, AdversarialOptions.On));

        Assert.All(plan.Blueprints, blueprint => Assert.Equal(
            blueprint.Demographics["gender"] == "female" ? NameGender.Female : NameGender.Male,
            blueprint.Name.Gender));
        Assert.All(
            plan.Blueprints.Where(blueprint => blueprint.Archetype == PersonaArchetype.Contrarian),
            blueprint => Assert.True(blueprint.Traits[PersonaTrait.Agreeableness] <= TraitSampler.TailWidth));
        Assert.Equal(20, plan.Blueprints.Count(blueprint => blueprint.Archetype == PersonaArchetype.EdgeCase));
    }

    [Fact]
    public void Slots_are_numbered_and_persona_seeds_are_distinct()
    {
        var plan = PanelPlanner.Plan(new PanelRequest(TestAudiences.Mixed, Locales.English, 300, Seed: 35));

        Assert.Equal(Enumerable.Range(0, 300), plan.Blueprints.Select(blueprint => blueprint.Slot));
        Assert.Equal(300, plan.Blueprints.Select(blueprint => blueprint.Seed).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(PanelPlanner.MaxCount + 1)]
    public void A_count_outside_one_to_a_thousand_is_a_field_error(int count)
    {
        var errors = PanelPlanner.Validate(new PanelRequest(TestAudiences.Mixed, Locales.English, count, Seed: 1));

        Assert.Equal(["count"], errors.Keys);
        Assert.Throws<ArgumentException>(() => PanelPlanner.Plan(new PanelRequest(TestAudiences.Mixed, Locales.English, count, Seed: 1)));
    }

    [Theory]
    [InlineData(PanelPlanner.MinCount)]
    [InlineData(PanelPlanner.MaxCount)]
    public void Counts_at_the_limits_are_planned(int count)
    {
        var request = new PanelRequest(TestAudiences.Mixed, Locales.English, count, Seed: 36, AdversarialOptions.On);

        Assert.Empty(PanelPlanner.Validate(request));
        Assert.Equal(count, PanelPlanner.Plan(request).Blueprints.Count);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once_by_its_client_name()
    {
        var audience = TestAudiences.Of(("age", [("18-34", 0.0), ("35+", 0.0)]));
        var request = new PanelRequest(
            audience,
            "de",
            0,
            Seed: 1,
            new AdversarialOptions(true, EdgeCaseShare: 2),
            new Dictionary<string, double> { ["openness"] = 0.9, ["wit"] = 0.1 });

        var errors = PanelPlanner.Validate(request);

        Assert.Equal(
            ["adversarial.edgeCaseShare", "audience.distributions.age", "count", "locale", "skews.openness", "skews.wit"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Planning_a_thousand_personas_fits_the_budget()
    {
        var request = new PanelRequest(TestAudiences.Mixed, Locales.Polish, PanelPlanner.MaxCount, Seed: 37, AdversarialOptions.On, Skews);

        var cold = Stopwatch.StartNew();
        PanelPlanner.Plan(request with { Seed = 38 });
        cold.Stop();
        var warm = Stopwatch.StartNew();
        var plan = PanelPlanner.Plan(request);
        warm.Stop();

        output.WriteLine($"Planned {plan.Blueprints.Count} personas in {warm.Elapsed.TotalMilliseconds:0.0} ms ({cold.Elapsed.TotalMilliseconds:0.0} ms on first use)");
        Assert.True(cold.Elapsed < PlanningBudget, $"took {cold.Elapsed} on first use");
        Assert.True(warm.Elapsed < PlanningBudget, $"took {warm.Elapsed}");
    }

    private static Dictionary<string, int> Counts(PanelPlan plan, string category) =>
        plan.Blueprints.GroupBy(blueprint => blueprint.Demographics[category]!).ToDictionary(group => group.Key, group => group.Count());
}

using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.UnitTests.Personas;

public sealed class PanelFitTests
{
    private static readonly TargetAudience EvenGender = TestAudiences.Of(("gender", [("female", 0.5), ("male", 0.5)]));

    [Fact]
    public void A_panel_that_matches_exactly_has_zero_statistic_and_p_value_one()
    {
        var report = PanelFit.Measure(Panel(("gender", "female", 10), ("gender", "male", 10)), EvenGender);

        Assert.Equal(0, report.ChiSquare);
        Assert.Equal(1, report.DegreesOfFreedom);
        Assert.Equal(1, report.PValue);
        Assert.Equal(0, report.MaxAbsoluteShareDeviation);
    }

    [Fact]
    public void Sixty_forty_against_fifty_fifty_gives_chi_square_four()
    {
        // (60 − 50)²/50 + (40 − 50)²/50 = 4 with one degree of freedom: p ≈ 0.0455.
        var report = PanelFit.Measure(Panel(("gender", "female", 60), ("gender", "male", 40)), EvenGender);

        Assert.Equal(4.0, report.ChiSquare, 12);
        Assert.Equal(0.0455002638963584, report.PValue, 9);
        Assert.Equal(0.1, report.MaxAbsoluteShareDeviation, 12);
    }

    [Fact]
    public void Categories_add_up_to_the_overall_statistic_and_degrees_of_freedom()
    {
        var target = TestAudiences.Of(
            ("gender", [("female", 0.5), ("male", 0.5)]),
            ("location", [("urban", 0.5), ("suburban", 0.25), ("rural", 0.25)]));
        var personas = Enumerable.Range(0, 40)
            .Select(slot => Persona(("gender", slot < 24 ? "female" : "male"), ("location", (slot % 4) switch { 0 or 1 => "urban", 2 => "suburban", _ => "rural" })))
            .ToArray();

        var report = PanelFit.Measure(personas, target);

        Assert.Equal(3, report.DegreesOfFreedom);
        Assert.Equal(report.Categories.Sum(category => category.ChiSquare), report.ChiSquare, 12);
        Assert.Equal(1.6, report.Categories.Single(category => category.Category == "gender").ChiSquare, 12);
        Assert.Equal(0, report.Categories.Single(category => category.Category == "location").ChiSquare, 12);
        Assert.Equal(ChiSquare.UpperTail(1.6, 3), report.PValue, 12);
    }

    [Fact]
    public void Personas_off_the_target_are_counted_and_worsen_the_fit()
    {
        var personas = Panel(("gender", "female", 9), ("gender", "male", 9), ("gender", "non-binary", 2)).Append(Persona()).ToArray();

        var fit = PanelFit.Measure(personas, EvenGender).Categories.Single();

        Assert.Equal(3, fit.OffTargetCount);
        Assert.True(fit.ChiSquare > 0);
        Assert.Equal(10.5, fit.Cells[0].Expected, 12);
    }

    [Fact]
    public void Values_targeted_at_zero_are_not_cells()
    {
        var target = TestAudiences.Of(("gender", [("female", 1.0), ("male", 0.0)]));

        var fit = PanelFit.Measure(Panel(("gender", "female", 5)), target).Categories.Single();

        Assert.Equal(["female"], fit.Cells.Select(cell => cell.Value));
        Assert.Equal(0, fit.DegreesOfFreedom);
        Assert.Equal(0, fit.OffTargetCount);
    }

    [Fact]
    public void An_empty_panel_has_nothing_to_reject()
    {
        var report = PanelFit.Measure([], EvenGender);

        Assert.Equal(0, report.ChiSquare);
        Assert.Equal(1, report.PValue);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(137)]
    [InlineData(1000)]
    public void A_planned_panel_fits_its_audience_to_within_one_persona_per_cell(int count)
    {
        var plan = PanelPlanner.Plan(new PanelRequest(TestAudiences.Mixed, Locales.English, count, Seed: 8, AdversarialOptions.On));

        var report = PanelFit.Measure(plan.Blueprints.Select(blueprint => blueprint.Demographics).ToArray(), plan.Audience);

        Assert.True(report.PValue > 0.99, $"p = {report.PValue}");
        Assert.True(report.MaxAbsoluteShareDeviation < 1.0 / count, $"max deviation {report.MaxAbsoluteShareDeviation}");
        Assert.All(report.Categories, category => Assert.Equal(0, category.OffTargetCount));
    }

    private static PersonaDemographics[] Panel(params (string Category, string Value, int Count)[] groups) =>
        groups.SelectMany(group => Enumerable.Repeat(Persona((group.Category, group.Value)), group.Count)).ToArray();

    private static PersonaDemographics Persona(params (string Category, string Value)[] values) =>
        new(values.Select(value => KeyValuePair.Create(value.Category, value.Value)));
}

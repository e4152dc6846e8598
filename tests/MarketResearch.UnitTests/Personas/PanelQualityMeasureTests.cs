using MarketResearch.Domain.Personas;

namespace MarketResearch.UnitTests.Personas;

public sealed class PanelQualityMeasureTests
{
    [Fact]
    public void Trait_statistics_are_mean_sample_deviation_and_range()
    {
        var statistics = TraitStatistics.Of([0.2, 0.4, 0.6, 0.8]);

        Assert.Equal(0.5, statistics.Mean, 12);
        Assert.Equal(Math.Sqrt(0.2 / 3), statistics.StandardDeviation, 12);
        Assert.Equal(0.2, statistics.Min, 12);
        Assert.Equal(0.8, statistics.Max, 12);
        Assert.Equal(0.6, statistics.Range, 12);
        Assert.Equal(new TraitStatistics(0, 0, 0, 0), TraitStatistics.Of([]));
    }

    [Fact]
    public void A_panel_on_target_fits_and_reports_every_trait_and_its_most_similar_stories()
    {
        var audience = TestAudiences.Of(("gender", [("female", 0.5), ("male", 0.5)]));
        var panel = new[]
        {
            Member("female", 0.1, "Anna grew up on a farm near Lublin and now repairs bicycles."),
            Member("male", 0.9, "Piotr codes trading systems in Warsaw and runs marathons."),
            Member("female", 0.5, "Ewa grew up on a farm near Lublin and now repairs old radios."),
            Member("male", 0.3, "Tomasz teaches history in a small mountain school."),
        };

        var report = PanelQualityMeasure.Measure(panel, audience, "en");

        var gender = report.Fit.Categories.Single(category => category.Category == "gender");
        Assert.Equal(0, gender.ChiSquare, 12);
        Assert.Equal(0, gender.MaxAbsoluteShareDeviation, 12);
        Assert.Equal(11, report.TraitSpread.Count);
        Assert.Equal(0.8, report.TraitSpread["openness"].Range, 12);
        Assert.Equal(PanelQualityMeasure.DistinctnessMethod, report.StoryDistinctness.Method);
        Assert.Equal((panel[0].Id, panel[2].Id), (report.StoryDistinctness.MostSimilar!.First, report.StoryDistinctness.MostSimilar.Second));
        Assert.True(report.StoryDistinctness.MinDistance < report.StoryDistinctness.MeanDistance);
    }

    [Fact]
    public void A_lopsided_panel_shows_in_the_fit()
    {
        var audience = TestAudiences.Of(("gender", [("female", 0.5), ("male", 0.5)]));
        var panel = Enumerable.Range(0, 10).Select(index => Member("female", 0.5, $"Story number {index}")).ToArray();

        var gender = PanelQualityMeasure.Measure(panel, audience, "en").Fit.Categories.Single(category => category.Category == "gender");

        Assert.Equal(10, gender.ChiSquare, 12);
        Assert.Equal(0.5, gender.MaxAbsoluteShareDeviation, 12);
        Assert.True(gender.PValue < 0.01);
    }

    [Fact]
    public void One_persona_has_no_pairs_of_stories()
    {
        var report = PanelQualityMeasure.Measure([Member("male", 0.5, "Alone.")], TestAudiences.Mixed, "en");

        Assert.Null(report.StoryDistinctness.MostSimilar);
        Assert.Equal(1, report.StoryDistinctness.MeanDistance);
    }

    private static PanelMember Member(string gender, double openness, string story) => new(
        Guid.NewGuid(),
        new Dictionary<string, string> { ["gender"] = gender },
        PersonaTraitNames.All.ToDictionary(PersonaTraitNames.Name, trait => trait == PersonaTrait.Openness ? openness : 0.5),
        story);
}

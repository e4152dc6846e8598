using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using MarketResearch.UnitTests.Personas;
using MarketResearch.Web.Projects;

namespace MarketResearch.UnitTests.Web;

public sealed class QuotaPreviewTests
{
    private const int RandomAudiences = 200;

    [Fact]
    public void The_preview_equals_the_counts_of_the_panel_generation_plans_for_random_audiences_sizes_and_locales()
    {
        var random = SeededRandom.For(7, "quota-preview");
        for (var i = 0; i < RandomAudiences; i++)
        {
            var audience = TestAudiences.Random(random);
            var locale = Locales.All[random.NextInt(Locales.All.Count)];
            var size = 1 + random.NextInt(150);
            var adversarial = new AdversarialOptions(random.NextDouble() < 0.5);

            var preview = QuotaPreview.For(audience, locale, size);
            var plan = PanelPlanner.Plan(new PanelRequest(audience, locale, size, random.NextInt(1_000_000), adversarial));

            foreach (var category in preview)
            {
                foreach (var cell in category.Cells)
                {
                    var planned = plan.Blueprints.Count(blueprint => blueprint.Demographics[category.Category] == cell.Value);
                    Assert.True(planned == cell.Count, $"{category.Category}={cell.Value}: preview {cell.Count}, plan {planned} (n={size}, {locale})");
                }
            }
        }
    }

    [Fact]
    public void Categories_left_out_show_the_locale_defaults_and_say_so()
    {
        var audience = TestAudiences.Of(("gender", [("female", 0.6), ("male", 0.4)]));

        var preview = QuotaPreview.For(audience, Locales.Polish, 20);

        Assert.Equal(AudienceCategories.All, preview.Select(category => category.Category));
        Assert.False(preview.Single(category => category.Category == "gender").IsDefault);
        var location = preview.Single(category => category.Category == "location");
        Assert.True(location.IsDefault);
        Assert.Equal(["city", "rural"], location.Cells.Select(cell => cell.Value));
        Assert.Equal(20, location.Cells.Sum(cell => cell.Count));
    }

    [Fact]
    public void A_category_whose_weights_cannot_be_allocated_yet_has_no_cells_instead_of_failing()
    {
        var audience = TestAudiences.Of(("gender", [("female", 0), ("male", 0)]), ("age", [("18-24", double.NaN)]));

        var preview = QuotaPreview.For(audience, Locales.English, 20);

        Assert.Empty(preview.Single(category => category.Category == "gender").Cells);
        Assert.Empty(preview.Single(category => category.Category == "age").Cells);
        Assert.Equal(20, preview.Single(category => category.Category == "income").Cells.Sum(cell => cell.Count));
    }
}

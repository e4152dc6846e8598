using MarketResearch.Domain.Projects;
using MarketResearch.Web.Projects;

namespace MarketResearch.UnitTests.Web;

public sealed class AudienceEditorTests
{
    [Fact]
    public void A_saved_audience_round_trips_through_the_editor_as_percentages()
    {
        var saved = new AudienceDetails(new() { ["age"] = new() { ["18-34"] = 0.25, ["35+"] = 0.75 } }, "Commuters");

        var editor = AudienceEditor.From(saved, Locales.English);
        var draft = editor.ToDraft();

        var age = editor.Categories.Single(category => category.Category == "age");
        Assert.True(age.Enabled);
        Assert.Equal([25.0, 75.0], age.Rows.Select(row => row.Percent!.Value));
        Assert.Equal(["age"], draft.Distributions!.Keys);
        Assert.Equal(0.25, draft.Distributions["age"]!["18-34"], 9);
        Assert.Equal("Commuters", draft.Description);
        Assert.Empty(ProjectDraftValidator.Validate(new ProjectDraft("P", Audience: draft)));
    }

    [Fact]
    public void Untargeted_categories_start_from_the_locale_defaults_and_are_not_sent()
    {
        var editor = AudienceEditor.From(null, Locales.Polish);

        var location = editor.Categories.Single(category => category.Category == "location");
        Assert.False(location.Enabled);
        Assert.Equal(["city", "rural"], location.Rows.Select(row => row.Label));
        Assert.Empty(editor.ToDraft().Distributions!);
    }

    [Fact]
    public void Weights_that_do_not_add_up_are_caught_by_the_api_rules_and_normalising_fixes_them()
    {
        var editor = AudienceEditor.From(null, Locales.English);
        var gender = editor.Categories.Single(category => category.Category == "gender");
        gender.Enabled = true;
        gender.Rows[0].Percent = 60;

        var errors = ProjectDraftValidator.Validate(new ProjectDraft("P", Audience: editor.ToDraft()));
        Assert.Contains("audience.distributions.gender", errors.Keys);

        gender.Normalise();
        Assert.Equal(100, gender.TotalPercent, 6);
        Assert.Empty(ProjectDraftValidator.Validate(new ProjectDraft("P", Audience: editor.ToDraft())));
    }

    [Fact]
    public void A_value_named_twice_is_reported_by_the_editor()
    {
        var category = new CategoryEditor("income");
        category.Rows.Add(new WeightRow { Label = "low", Percent = 50 });
        category.Rows.Add(new WeightRow { Label = "low ", Percent = 50 });

        Assert.Equal("The value 'low' appears more than once.", category.DuplicateError);
    }
}

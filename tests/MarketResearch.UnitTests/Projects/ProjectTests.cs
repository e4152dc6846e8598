using MarketResearch.Domain.Projects;

namespace MarketResearch.UnitTests.Projects;

public sealed class ProjectTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Creating_trims_text_and_defaults_the_locale_to_english()
    {
        var project = Project.Create(new ProjectDraft("  Oat milk  ", Description: "   ", Objectives: " Price test "), Now);

        Assert.Equal("Oat milk", project.Name);
        Assert.Null(project.Description);
        Assert.Equal("Price test", project.Objectives);
        Assert.Equal(Locales.English, project.Locale);
        Assert.Equal(Now, project.CreatedAt);
        Assert.Equal(7, project.Id.Version);
    }

    [Fact]
    public void The_audience_keeps_the_researchers_order_of_values()
    {
        var distributions = new Dictionary<string, Dictionary<string, double>?>
        {
            ["age"] = new() { ["55+"] = 0.2, ["18-34"] = 0.5, ["35-54"] = 0.3 },
        };

        var project = Project.Create(new ProjectDraft("P", Audience: new AudienceDraft(distributions, " Urban parents ")), Now);

        Assert.Equal(["55+", "18-34", "35-54"], project.Audience.Distributions["age"].Keys);
        Assert.Equal("Urban parents", project.Audience.Description);
    }

    [Fact]
    public void Updating_keeps_identity_and_creation_time()
    {
        var project = Project.Create(new ProjectDraft("Before"), Now);
        var later = Now.AddHours(1);

        project.Update(new ProjectDraft("After", Locale: Locales.Polish), later);

        Assert.Equal("After", project.Name);
        Assert.Equal(Locales.Polish, project.Locale);
        Assert.Equal(Now, project.CreatedAt);
        Assert.Equal(later, project.UpdatedAt);
    }

    [Fact]
    public void Audiences_with_the_same_shares_are_equal()
    {
        var first = TargetAudience.From(new AudienceDraft(new() { ["age"] = new() { ["a"] = 0.5, ["b"] = 0.5 } }));
        var second = TargetAudience.From(new AudienceDraft(new() { ["age"] = new() { ["b"] = 0.5, ["a"] = 0.5 } }));
        var different = TargetAudience.From(new AudienceDraft(new() { ["age"] = new() { ["a"] = 0.6, ["b"] = 0.4 } }));

        Assert.Equal(first, second);
        Assert.NotEqual(first, different);
    }
}

using MarketResearch.Domain.Projects;

namespace MarketResearch.UnitTests.Projects;

public sealed class ProjectDraftValidatorTests
{
    private static readonly Dictionary<string, Dictionary<string, double>?> BalancedAge = new()
    {
        ["age"] = new() { ["18-34"] = 0.4, ["35-54"] = 0.35, ["55+"] = 0.25 },
    };

    [Fact]
    public void A_named_project_with_balanced_weights_is_valid()
    {
        var errors = ProjectDraftValidator.Validate(new ProjectDraft("Oat milk", Audience: new AudienceDraft(BalancedAge)));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_project_needs_a_name(string? name)
    {
        var errors = ProjectDraftValidator.Validate(new ProjectDraft(name));

        Assert.Contains("name", errors.Keys);
    }

    [Fact]
    public void An_overlong_name_is_rejected()
    {
        var errors = ProjectDraftValidator.Validate(new ProjectDraft(new string('x', ProjectDraftValidator.MaxNameLength + 1)));

        Assert.Contains("name", errors.Keys);
    }

    [Fact]
    public void An_unknown_locale_is_rejected()
    {
        var errors = ProjectDraftValidator.Validate(new ProjectDraft("P", Locale: "de"));

        Assert.Equal(["locale"], errors.Keys);
    }

    [Fact]
    public void Negative_weights_are_named_by_category()
    {
        var distributions = new Dictionary<string, Dictionary<string, double>?>
        {
            ["gender"] = new() { ["female"] = 1.2, ["male"] = -0.2 },
        };

        var errors = ProjectDraftValidator.Validate(new ProjectDraft("P", Audience: new AudienceDraft(distributions)));

        var messages = Assert.Single(errors, error => error.Key == "audience.distributions.gender").Value;
        Assert.Contains(messages, message => message.Contains("zero or positive", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_categories_are_rejected_with_the_known_ones_listed()
    {
        var distributions = new Dictionary<string, Dictionary<string, double>?> { ["shoe-size"] = new() { ["42"] = 1 } };

        var errors = ProjectDraftValidator.Validate(new ProjectDraft("P", Audience: new AudienceDraft(distributions)));

        var message = Assert.Single(errors["audience.distributions.shoe-size"]);
        Assert.Contains("occupation", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, 0.489, false)]
    [InlineData(0.5, 0.491, true)]
    [InlineData(0.5, 0.509, true)]
    [InlineData(0.5, 0.511, false)]
    public void Weights_must_sum_to_one_within_a_hundredth(double first, double second, bool valid)
    {
        var distributions = new Dictionary<string, Dictionary<string, double>?> { ["income"] = new() { ["low"] = first, ["high"] = second } };

        var errors = ProjectDraftValidator.Validate(new ProjectDraft("P", Audience: new AudienceDraft(distributions)));

        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void Labels_that_differ_only_by_surrounding_spaces_are_duplicates()
    {
        var distributions = new Dictionary<string, Dictionary<string, double>?> { ["location"] = new() { ["rural"] = 0.5, [" rural "] = 0.5 } };

        var errors = ProjectDraftValidator.Validate(new ProjectDraft("P", Audience: new AudienceDraft(distributions)));

        Assert.Contains(errors["audience.distributions.location"], message => message.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_category_is_rejected()
    {
        var distributions = new Dictionary<string, Dictionary<string, double>?> { ["education"] = [] };

        var errors = ProjectDraftValidator.Validate(new ProjectDraft("P", Audience: new AudienceDraft(distributions)));

        Assert.Contains("audience.distributions.education", errors.Keys);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var distributions = new Dictionary<string, Dictionary<string, double>?>
        {
            ["age"] = new() { ["young"] = 0.2 },
            ["pets"] = new() { ["cat"] = 1 },
        };

        var errors = ProjectDraftValidator.Validate(new ProjectDraft(null, Locale: "xx", Audience: new AudienceDraft(distributions)));

        Assert.Equal(
            ["audience.distributions.age", "audience.distributions.pets", "locale", "name"],
            errors.Keys.Order(StringComparer.Ordinal));
    }
}

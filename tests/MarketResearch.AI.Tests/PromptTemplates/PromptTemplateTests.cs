using MarketResearch.AI.PromptTemplates;

namespace MarketResearch.AI.Tests.Templates;

public sealed class PromptTemplateTests
{
    private static PromptTemplate Greeting => PromptTemplate.Load(typeof(PromptTemplateTests).Assembly, "greeting", 2);

    [Fact]
    public void Renders_values_and_names_its_version()
    {
        var text = Greeting.Render(new Dictionary<string, string?> { ["name"] = "Anna", ["audience"] = "nurses" });

        Assert.Equal("Hello Anna.\nAudience: nurses\nBye.", text);
        Assert.Equal("greeting/v2", Greeting.Id);
    }

    [Fact]
    public void Drops_a_line_whose_values_are_all_empty()
    {
        var text = Greeting.Render(new Dictionary<string, string?> { ["name"] = "Anna", ["audience"] = " " });

        Assert.Equal("Hello Anna.\nBye.", text);
    }

    [Fact]
    public void Refuses_missing_and_unknown_values()
    {
        Assert.Throws<ArgumentException>(() => Greeting.Render(new Dictionary<string, string?> { ["name"] = "Anna" }));
        Assert.Throws<ArgumentException>(() => Greeting.Render(new Dictionary<string, string?> { ["name"] = "A", ["audience"] = "b", ["extra"] = "c" }));
    }

    [Fact]
    public void An_unknown_version_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => PromptTemplate.Load(typeof(PromptTemplateTests).Assembly, "greeting", 9));
    }
}

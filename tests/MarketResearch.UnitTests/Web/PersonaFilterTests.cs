using System.Text.Json;
using MarketResearch.Web.Personas;

namespace MarketResearch.UnitTests.Web;

public sealed class PersonaFilterTests
{
    private static readonly PersonaDetails Rural = Persona("rural", "65+", "EdgeCase", openness: 0.9);
    private static readonly PersonaDetails Urban = Persona("urban", "18-24", "Standard", openness: 0.2);

    [Fact]
    public void Every_filter_narrows_the_panel_and_an_empty_filter_keeps_everyone()
    {
        Assert.True(new PersonaFilter().Matches(Rural));
        Assert.True(new PersonaFilter(Location: "rural").Matches(Rural));
        Assert.False(new PersonaFilter(Location: "rural").Matches(Urban));
        Assert.False(new PersonaFilter(AgeBand: "65+").Matches(Urban));
        Assert.True(new PersonaFilter(Segment: "EdgeCase").Matches(Rural));
        Assert.False(new PersonaFilter(Segment: "EdgeCase").Matches(Urban));
        Assert.True(new PersonaFilter(Trait: "openness").Matches(Rural));
        Assert.False(new PersonaFilter(Trait: "openness").Matches(Urban));
        Assert.True(new PersonaFilter(Trait: "openness", TraitAtLeast: 0.1).Matches(Urban));
    }

    [Fact]
    public void The_same_filter_can_be_sent_to_the_api_as_query_parameters()
    {
        Assert.Equal(string.Empty, new PersonaFilter().ToQuery());
        Assert.Equal("?segment=EdgeCase&location=rural&minTrait.openness=0.8",
            new PersonaFilter(Segment: "EdgeCase", Location: "rural", Trait: "openness", TraitAtLeast: 0.8).ToQuery());
    }

    [Fact]
    public void Citations_are_read_from_the_profile_when_present()
    {
        var profile = JsonDocument.Parse("""{"headline":"h","citations":[{"documentName":"brief.pdf","passage":"Cyclists value safety."},"plain note"]}""").RootElement;
        var persona = Rural with { Profile = profile };

        Assert.Equal([new Citation("brief.pdf", "Cyclists value safety."), new Citation("plain note", null)], persona.Citations);
        Assert.Empty(Rural.Citations);
    }

    private static PersonaDetails Persona(string location, string age, string archetype, double openness) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Name", "en",
        new Dictionary<string, string> { ["location"] = location, ["age"] = age },
        new Dictionary<string, double> { ["openness"] = openness },
        archetype, JsonDocument.Parse("{}").RootElement, "offline", DateTimeOffset.UnixEpoch);
}

using System.Text.Json;
using MarketResearch.Web.Personas;

namespace MarketResearch.UnitTests.Web;

public sealed class PersonaDetailsTests
{
    [Fact]
    public void A_list_item_shows_its_headline_field()
    {
        var persona = Persona("""{}""", headline: "Saves for the family's next trip");

        Assert.Equal("Saves for the family's next trip", persona.HeadlineText);
    }

    [Fact]
    public void A_full_persona_shows_the_profiles_headline()
    {
        var persona = Persona("""{"headline":"Reads every label"}""", headline: null);

        Assert.Equal("Reads every label", persona.HeadlineText);
    }

    [Fact]
    public void A_list_item_deserialised_from_the_api_has_no_profile_but_a_headline()
    {
        var persona = JsonSerializer.Deserialize<PersonaDetails>(
            """{"id":"0b6c3a1e-0000-0000-0000-000000000001","projectId":"0b6c3a1e-0000-0000-0000-000000000002","jobId":"0b6c3a1e-0000-0000-0000-000000000003","name":"Ana","locale":"en","demographics":{"age":"25-34"},"traits":{"openness":0.5},"archetype":"Standard","headline":"Cooks at home","generatedBy":"offline","createdAt":"2026-11-28T00:00:00+00:00"}""",
            JsonSerializerOptions.Web)!;

        Assert.Equal("Cooks at home", persona.HeadlineText);
        Assert.Equal("25-34", persona.Demographic("age"));
        Assert.True(persona.GeneratedOffline);
    }

    private static PersonaDetails Persona(string profile, string? headline) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Name", "en", [], [], "Standard",
        JsonDocument.Parse(profile).RootElement, "offline", DateTimeOffset.UnixEpoch, headline);
}

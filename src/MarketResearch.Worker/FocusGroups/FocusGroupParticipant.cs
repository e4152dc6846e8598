using System.Globalization;
using System.Text.Json;
using MarketResearch.AI;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>A persona as a participant: who it is for the model, and what it remembers of its own answers.</summary>
internal sealed record FocusGroupParticipant(Guid Id, string Name, long Seed, IReadOnlyDictionary<string, string> Demographics, PersonaContext Context, string SystemPrompt)
{
    public static FocusGroupParticipant From(Persona persona)
    {
        var demographics = persona.Demographics;
        string? Value(string category) => demographics.GetValueOrDefault(category);
        double Trait(PersonaTrait trait) => persona.Traits.GetValueOrDefault(PersonaTraitNames.Name(trait), 0.5);
        var context = new PersonaContext
        {
            Name = persona.Name,
            Age = AgeBand.TryParse(Value(AudienceCategories.Age) ?? string.Empty, out var band) ? (band.Lowest + band.Highest) / 2 : null,
            Gender = Value(AudienceCategories.Gender),
            IncomeBand = Value(AudienceCategories.Income),
            Location = Value(AudienceCategories.Location),
            Occupation = Value(AudienceCategories.Occupation),
            Education = Value(AudienceCategories.Education),
            BigFive = new BigFiveTraits(Trait(PersonaTrait.Openness), Trait(PersonaTrait.Conscientiousness), Trait(PersonaTrait.Extraversion),
                Trait(PersonaTrait.Agreeableness), Trait(PersonaTrait.Neuroticism)),
        };

        // Lines start in lower case so no reader mistakes "- headline: ..." for a participant speaking.
        var about = new List<string> { "- demographics: " + string.Join(", ", demographics.Select(pair => $"{pair.Key} {pair.Value}")) };
        if (persona.Profile.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in new[] { "headline", "communicationStyle", "decisionStyle" })
            {
                if (persona.Profile.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    about.Add($"- {field}: {value.GetString()}");
                }
            }
        }

        var traits = string.Join(", ", PersonaTraitNames.BigFive.Select(trait =>
            string.Create(CultureInfo.InvariantCulture, $"{PersonaTraitNames.Name(trait)} {Trait(trait):0.00}")));
        var system = FocusGroupPrompts.Participant.Render(new Dictionary<string, string?>
        {
            ["name"] = persona.Name,
            ["about"] = string.Join('\n', about),
            ["traits"] = traits,
        });
        return new FocusGroupParticipant(persona.Id, persona.Name, persona.Seed, demographics, context, system);
    }
}

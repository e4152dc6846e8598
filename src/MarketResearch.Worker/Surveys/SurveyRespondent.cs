using MarketResearch.AI;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.Worker.Surveys;

/// <summary>Who answers, as the AI layer needs it: the saved persona's demographics and Big Five traits.</summary>
internal static class SurveyRespondent
{
    public static PersonaContext Context(Persona persona)
    {
        string? Demographic(string category) => persona.Demographics.GetValueOrDefault(category);
        double Trait(PersonaTrait trait) => persona.Traits.GetValueOrDefault(PersonaTraitNames.Name(trait), BigFiveTraits.Average.Openness);
        return new PersonaContext
        {
            Name = persona.Name,
            Age = AgeBand.TryParse(Demographic(AudienceCategories.Age) ?? string.Empty, out var band) ? (band.Lowest + band.Highest) / 2 : null,
            Gender = Demographic(AudienceCategories.Gender),
            IncomeBand = Demographic(AudienceCategories.Income),
            Location = Demographic(AudienceCategories.Location),
            Occupation = Demographic(AudienceCategories.Occupation),
            Education = Demographic(AudienceCategories.Education),
            BigFive = new BigFiveTraits(Trait(PersonaTrait.Openness), Trait(PersonaTrait.Conscientiousness), Trait(PersonaTrait.Extraversion),
                Trait(PersonaTrait.Agreeableness), Trait(PersonaTrait.Neuroticism)),
        };
    }
}

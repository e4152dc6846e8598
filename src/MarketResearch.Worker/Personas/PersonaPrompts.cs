using System.Globalization;
using MarketResearch.AI.PromptTemplates;
using MarketResearch.Domain.Personas;

namespace MarketResearch.Worker.Personas;

/// <summary>The persona-profile prompt; its wording lives in Prompts/persona-profile.v1.txt.</summary>
internal static class PersonaPrompts
{
    private static readonly PromptTemplate SystemTemplate = PromptTemplate.Load(typeof(PersonaPrompts).Assembly, "persona-profile-system", 1);
    private static readonly PromptTemplate ProfileTemplate = PromptTemplate.Load(typeof(PersonaPrompts).Assembly, "persona-profile", 1);

    public static string Version => ProfileTemplate.Id;

    public static string System => SystemTemplate.Render(new Dictionary<string, string?>());

    public static string Profile(string projectName, string? audience, PersonaBlueprint blueprint) => ProfileTemplate.Render(new Dictionary<string, string?>
    {
        ["project"] = projectName,
        ["audience"] = audience,
        ["name"] = blueprint.Name.FullName,
        ["demographics"] = string.Join('\n', blueprint.Demographics.Values.Select(pair => $"- {pair.Key}: {pair.Value}")),
        ["traits"] = string.Join('\n', blueprint.Traits.ByName().Select(pair => string.Create(CultureInfo.InvariantCulture, $"- {pair.Key}: {pair.Value:0.00}"))),
        ["role"] = blueprint.Archetype == PersonaArchetype.Standard ? null : $"{blueprint.Archetype}.",
    });
}

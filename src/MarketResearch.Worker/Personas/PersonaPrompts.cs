using System.Globalization;
using MarketResearch.AI.PromptTemplates;
using MarketResearch.Domain.Personas;

namespace MarketResearch.Worker.Personas;

/// <summary>The persona-profile prompt; its wording lives in Prompts/persona-profile.v1.txt.</summary>
internal static class PersonaPrompts
{
    private static readonly PromptTemplate SystemTemplate = PromptTemplate.Load(typeof(PersonaPrompts).Assembly, "persona-profile-system", 1);
    private static readonly PromptTemplate ProfileTemplate = PromptTemplate.Load(typeof(PersonaPrompts).Assembly, "persona-profile", 1);

    // v2 adds the knowledge-base passages; panels generated without knowledge keep v1, so seeds reproduce.
    private static readonly PromptTemplate GroundedProfileTemplate = PromptTemplate.Load(typeof(PersonaPrompts).Assembly, "persona-profile", 2);

    public static string Version => ProfileTemplate.Id;

    public static string System => SystemTemplate.Render(new Dictionary<string, string?>());

    public static string Profile(string projectName, string? audience, PersonaBlueprint blueprint) => ProfileTemplate.Render(Values(projectName, audience, blueprint));

    /// <summary>The profile prompt with knowledge passages marked [1], [2]...; without passages it is the v1 prompt.</summary>
    public static string GroundedProfile(string projectName, string? audience, PersonaBlueprint blueprint, string knowledge)
    {
        if (string.IsNullOrWhiteSpace(knowledge))
        {
            return Profile(projectName, audience, blueprint);
        }

        var values = Values(projectName, audience, blueprint);
        values["knowledge"] = knowledge;
        return GroundedProfileTemplate.Render(values);
    }

    private static Dictionary<string, string?> Values(string projectName, string? audience, PersonaBlueprint blueprint) => new()
    {
        ["project"] = projectName,
        ["audience"] = audience,
        ["name"] = blueprint.Name.FullName,
        ["demographics"] = string.Join('\n', blueprint.Demographics.Values.Select(pair => $"- {pair.Key}: {pair.Value}")),
        ["traits"] = string.Join('\n', blueprint.Traits.ByName().Select(pair => string.Create(CultureInfo.InvariantCulture, $"- {pair.Key}: {pair.Value:0.00}"))),
        ["role"] = blueprint.Archetype == PersonaArchetype.Standard ? null : $"{blueprint.Archetype}.",
    };
}

using System.Globalization;
using System.Text;
using MarketResearch.Domain.Personas;

namespace MarketResearch.Worker.Personas;

/// <summary>The persona-profile prompt, version 1. Changing its wording changes what real models write: bump the version.</summary>
internal static class PersonaPrompts
{
    public const string Version = "persona-profile/v1";

    public const string System =
        "You write realistic, specific profiles of synthetic research participants. Stay consistent with the given " +
        "demographics and personality traits. Answer only with JSON matching the schema.";

    public static string Profile(string projectName, string? audience, PersonaBlueprint blueprint)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Research project: {projectName}");
        if (!string.IsNullOrWhiteSpace(audience))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Target audience: {audience}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Participant: {blueprint.Name.FullName}");
        foreach (var (category, value) in blueprint.Demographics.Values)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {category}: {value}");
        }

        text.AppendLine("Traits (0 = very low, 1 = very high):");
        foreach (var (trait, score) in blueprint.Traits.ByName())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {trait}: {score:0.00}");
        }

        if (blueprint.Archetype != PersonaArchetype.Standard)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Role in the panel: {blueprint.Archetype}.");
        }

        text.Append("Write the profile: headline, background story, values, interests, needs and pains, communication style, decision style.");
        return text.ToString();
    }
}

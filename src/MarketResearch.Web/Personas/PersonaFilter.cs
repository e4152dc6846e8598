using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.Web.Personas;

/// <summary>
/// The gallery's filters. <see cref="Matches"/> filters a loaded panel in the browser's server circuit;
/// <see cref="ToQuery"/> names the same filters as query parameters for when the API filters the list itself.
/// </summary>
public sealed record PersonaFilter(string? Segment = null, string? AgeBand = null, string? Location = null, string? Trait = null, double? TraitAtLeast = null)
{
    public const double DefaultTraitThreshold = 0.7;

    public bool IsEmpty => Segment is null && AgeBand is null && Location is null && Trait is null;

    public bool Matches(PersonaDetails persona) =>
        (Segment is null || persona.Archetype == Segment)
        && (AgeBand is null || persona.Demographic(AudienceCategories.Age) == AgeBand)
        && (Location is null || persona.Demographic(AudienceCategories.Location) == Location)
        && (Trait is null || persona.Traits.GetValueOrDefault(Trait) >= (TraitAtLeast ?? DefaultTraitThreshold));

    public string ToQuery()
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("segment", Segment),
            new("ageBand", AgeBand),
            new("location", Location),
        };
        if (Trait is not null)
        {
            parameters.Add(new($"minTrait.{Trait}", (TraitAtLeast ?? DefaultTraitThreshold).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return QueryString.Create(parameters.Where(parameter => parameter.Value is not null)).ToString();
    }

    /// <summary>Trait names a filter may name, as the API spells them.</summary>
    public static IReadOnlyList<string> TraitNames { get; } = PersonaTraitNames.All.Select(PersonaTraitNames.Name).ToArray();
}

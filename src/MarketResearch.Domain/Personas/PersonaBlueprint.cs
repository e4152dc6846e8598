namespace MarketResearch.Domain.Personas;

/// <summary>
/// Everything about a persona that is decided before any model writes its profile. <see cref="Seed"/> is
/// the persona's own seed for later steps (e.g. the offline simulator), derived from the panel seed and slot.
/// </summary>
public sealed record PersonaBlueprint(
    int Slot,
    PersonaDemographics Demographics,
    PersonaTraits Traits,
    PersonaName Name,
    PersonaArchetype Archetype,
    long Seed);

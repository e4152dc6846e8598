using System.Text.Json;
using MarketResearch.Domain.Knowledge;
using MarketResearch.Domain.Personas;

namespace MarketResearch.Api.Personas;

public sealed record PersonaResponse(
    Guid Id,
    Guid ProjectId,
    Guid JobId,
    string Name,
    string Locale,
    IReadOnlyDictionary<string, string> Demographics,
    IReadOnlyDictionary<string, double> Traits,
    string Archetype,
    JsonElement Profile,
    string GeneratedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<KnowledgeCitation> Citations)
{
    public static PersonaResponse From(Persona persona) => new(
        persona.Id, persona.ProjectId, persona.JobId, persona.Name, persona.Locale, persona.Demographics, persona.Traits,
        persona.Archetype, persona.Profile.RootElement, persona.GeneratedBy, persona.CreatedAt, persona.Citations);
}

using System.Text.Json;
using MarketResearch.Domain.Knowledge;

namespace MarketResearch.Domain.Personas;

/// <summary>
/// A saved synthetic persona. (JobId, Slot) is unique: a generation job that runs again after its worker died
/// replaces its own personas instead of adding a second set.
/// </summary>
public sealed class Persona
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Guid JobId { get; set; }
    public int Slot { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Gender { get; set; } = string.Empty;
    public string Locale { get; set; } = string.Empty;
    public Dictionary<string, string> Demographics { get; set; } = [];
    public Dictionary<string, double> Traits { get; set; } = [];
    public string Archetype { get; set; } = string.Empty;
    public long Seed { get; set; }
    public JsonDocument Profile { get; set; } = JsonDocument.Parse("{}");

    /// <summary>Knowledge-base passages the profile was grounded in (empty when generated without knowledge).</summary>
    public List<KnowledgeCitation> Citations { get; set; } = [];

    /// <summary>"offline" when the offline simulator wrote the profile, otherwise the model's name.</summary>
    public string GeneratedBy { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Worker.Personas;

/// <summary>How a panel is written (section Worker:Personas).</summary>
public sealed class PersonaGenerationOptions
{
    public const string Section = "Worker:Personas";

    /// <summary>Profiles written at once; the AI layer's per-provider limit (Llm:MaxConcurrency) still applies below it.</summary>
    [Range(1, 256)]
    public int ProfileConcurrency { get; set; } = 32;
}

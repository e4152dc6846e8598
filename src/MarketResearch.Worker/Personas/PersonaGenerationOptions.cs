using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Worker.Personas;

/// <summary>How a panel is written (section Worker:Personas).</summary>
public sealed class PersonaGenerationOptions
{
    public const string Section = "Worker:Personas";

    /// <summary>Profiles written at once; the AI layer's per-provider limit (Llm:MaxConcurrency) still applies below it.</summary>
    [Range(1, 256)]
    public int ProfileConcurrency { get; set; } = 32;

    /// <summary>
    /// Personas in the panel the worker plans and rehearses when it starts (no model call, nothing saved), so its first
    /// jobs find that code compiled; large enough to take the paths a real panel takes (edge cases, name clashes, rows
    /// beyond one network buffer). 0 turns the rehearsal off.
    /// </summary>
    [Range(0, 1000)]
    public int WarmUpPanelSize { get; set; } = 50;
}

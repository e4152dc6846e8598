using System.Text.Json;

namespace MarketResearch.Domain.FocusGroups;

/// <summary>The results of one run (keyed by its job): the LLM's insights and the statistics computed from the transcript.</summary>
public sealed class FocusGroupInsight
{
    public Guid JobId { get; set; }
    public Guid FocusGroupId { get; set; }

    /// <summary>Summary, key insights, themes, surprising findings and recommendations as the model wrote them.</summary>
    public JsonDocument Insights { get; set; } = JsonDocument.Parse("{}");

    /// <summary>Sentiment by segment and polarization per question, computed by <see cref="Analysis"/> code.</summary>
    public JsonDocument Statistics { get; set; } = JsonDocument.Parse("{}");

    /// <summary>"offline" or the model's name.</summary>
    public string GeneratedBy { get; set; } = string.Empty;
    public string PromptVersion { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}

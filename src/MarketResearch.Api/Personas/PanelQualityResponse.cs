using MarketResearch.Domain.Personas;

namespace MarketResearch.Api.Personas;

/// <summary>One generated panel's quality, measured on the personas as saved.</summary>
public sealed record PanelQualityResponse(
    Guid JobId,
    int PanelSize,
    DateTimeOffset GeneratedAt,
    PanelFitReport Fit,
    IReadOnlyDictionary<string, TraitStatistics> TraitSpread,
    StoryDistinctnessReport StoryDistinctness);

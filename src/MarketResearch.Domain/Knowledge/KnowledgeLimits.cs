namespace MarketResearch.Domain.Knowledge;

/// <summary>Column sizes of the knowledge tables (schema facts, not tunables).</summary>
public static class KnowledgeLimits
{
    public const int MaxNameLength = 255;
    public const int MaxErrorLength = 2000;
    public const int MaxSectionLength = 300;
}

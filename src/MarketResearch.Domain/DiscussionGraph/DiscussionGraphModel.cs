namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>Node kinds of the discussion graph.</summary>
public static class GraphNodeKinds
{
    public const string Persona = "persona";
    public const string Concept = "concept";
    public const string Emotion = "emotion";
}

/// <summary>Relationship kinds, named as in the Neo4j store.</summary>
public static class GraphEdgeKinds
{
    public const string Mentions = "MENTIONS";
    public const string Feels = "FEELS";
    public const string AgreesWith = "AGREES_WITH";
    public const string DisagreesWith = "DISAGREES_WITH";

    public static readonly IReadOnlyList<string> All = [Mentions, Feels, AgreesWith, DisagreesWith];
}

/// <summary>A node: id like "persona:{guid}" or "concept:delivery fee"; size = mentions or answers; properties such as segments.</summary>
public sealed record GraphNode(string Id, string Kind, string Label, double Size, double? Sentiment, IReadOnlyDictionary<string, string> Properties);

/// <summary>A directed edge; weight = count (mentions, references) or intensity (feelings); sentiment where it applies.</summary>
public sealed record GraphEdge(string Source, string Target, string Kind, double Weight, double? Sentiment);

/// <summary>The graph of one focus group: a projection of its transcript, rebuildable at any time.</summary>
public sealed record DiscussionGraphData(Guid FocusGroupId, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges)
{
    public static string PersonaId(Guid personaId) => $"persona:{personaId}";

    public static string ConceptId(string key) => $"concept:{key}";

    public static string EmotionId(string emotion) => $"emotion:{emotion}";
}

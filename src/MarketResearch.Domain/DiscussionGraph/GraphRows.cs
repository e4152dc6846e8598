namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>A node of a focus group's graph as a Postgres row; (FocusGroupId, NodeId) is the key.</summary>
public sealed class GraphNodeRow
{
    public Guid FocusGroupId { get; set; }
    public string NodeId { get; set; } = string.Empty;
    public string Kind { get; set; } = string.Empty;
    public string Label { get; set; } = string.Empty;
    public double Size { get; set; }
    public double? Sentiment { get; set; }
    public Dictionary<string, string> Properties { get; set; } = [];
}

/// <summary>An edge as a Postgres row; (FocusGroupId, Source, Target, Kind) is the key.</summary>
public sealed class GraphEdgeRow
{
    public Guid FocusGroupId { get; set; }
    public string Source { get; set; } = string.Empty;
    public string Target { get; set; } = string.Empty;
    public string Kind { get; set; } = string.Empty;
    public double Weight { get; set; }
    public double? Sentiment { get; set; }
}

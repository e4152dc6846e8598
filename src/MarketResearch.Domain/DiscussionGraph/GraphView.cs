namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>What GET /focus-groups/{id}/graph returns: nodes and edges for the web app's graph view, and the insights.</summary>
public sealed record GraphView(Guid FocusGroupId, IReadOnlyList<GraphViewNode> Nodes, IReadOnlyList<GraphViewEdge> Edges, DiscussionInsights Insights)
{
    public static GraphView From(DiscussionGraphData graph) => new(
        graph.FocusGroupId,
        graph.Nodes.Select(node => new GraphViewNode(node.Id, node.Label, node.Kind, node.Size, node.Sentiment, node.Properties)).ToList(),
        graph.Edges.Select(edge => new GraphViewEdge(edge.Source, edge.Target, edge.Kind, edge.Weight, edge.Sentiment)).ToList(),
        DiscussionInsightsCalculator.Compute(graph));
}

public sealed record GraphViewNode(string Id, string Label, string Kind, double Size, double? Sentiment, IReadOnlyDictionary<string, string> Properties);

public sealed record GraphViewEdge(string Source, string Target, string Kind, double Weight, double? Sentiment);

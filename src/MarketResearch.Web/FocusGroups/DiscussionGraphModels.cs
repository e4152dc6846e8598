namespace MarketResearch.Web.FocusGroups;

public sealed record GraphNode(string Id, string Label, string Kind, double Size, double? Sentiment, IReadOnlyDictionary<string, string>? Properties);

public sealed record GraphEdge(string Source, string Target, string Kind, double Weight, double? Sentiment);

public sealed record ControversialConcept(string Id, string Label, double Spread, double Score, IReadOnlyList<string> Supporters, IReadOnlyList<string> Critics);

public sealed record KeyConcept(string Id, string Label, int Mentions, int Personas, double Sentiment);

public sealed record GraphInsights(IReadOnlyList<KeyConcept>? KeyConcepts, IReadOnlyList<ControversialConcept>? ControversialConcepts);

public sealed record DiscussionGraph(Guid FocusGroupId, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, GraphInsights? Insights);

/// <summary>A node placed on the drawing: concepts on the inner ring, emotions in between, personas outside.</summary>
public sealed record PlacedNode(GraphNode Node, double X, double Y, double Radius);

/// <summary>
/// A deterministic circular layout (the same graph always draws the same way), computed here so the browser needs
/// no layout script, and the supporters and critics of a concept read from the persona → concept edges.
/// </summary>
public static class GraphLayout
{
    public const double Canvas = 1000;
    private const double MinRadius = 6;
    private const double MaxRadius = 22;
    private static readonly Dictionary<string, double> RingByKind = new() { ["concept"] = 0.18, ["emotion"] = 0.3, ["persona"] = 0.42 };

    public static IReadOnlyList<PlacedNode> Place(IReadOnlyList<GraphNode> nodes)
    {
        var largest = nodes.Count == 0 ? 1 : Math.Max(1, nodes.Max(node => node.Size));
        var placed = new List<PlacedNode>();
        foreach (var ring in nodes.GroupBy(node => node.Kind).OrderBy(group => Ring(group.Key)))
        {
            var members = ring.OrderBy(node => node.Id, StringComparer.Ordinal).ToList();
            for (var index = 0; index < members.Count; index++)
            {
                var angle = (2 * Math.PI * index / members.Count) - (Math.PI / 2);
                var distance = Ring(ring.Key) * Canvas;
                var radius = MinRadius + ((MaxRadius - MinRadius) * members[index].Size / largest);
                placed.Add(new(members[index], (Canvas / 2) + (distance * Math.Cos(angle)), (Canvas / 2) + (distance * Math.Sin(angle)), radius));
            }
        }

        return placed;
    }

    /// <summary>Personas who spoke of the concept warmly (supporters) and coldly (critics), by their edge's sentiment.</summary>
    public static (IReadOnlyList<string> Supporters, IReadOnlyList<string> Critics) Sides(DiscussionGraph graph, string conceptId)
    {
        var names = graph.Nodes.ToDictionary(node => node.Id, node => node.Label, StringComparer.Ordinal);
        var mentions = graph.Edges.Where(edge => edge.Target == conceptId && edge.Kind == "MENTIONS" && edge.Sentiment is not null).ToList();
        IReadOnlyList<string> Names(Func<double, bool> side) => mentions.Where(edge => side(edge.Sentiment!.Value))
            .Select(edge => names.GetValueOrDefault(edge.Source, edge.Source)).Distinct().Order(StringComparer.Ordinal).ToList();
        return (Names(sentiment => sentiment > 0), Names(sentiment => sentiment < 0));
    }

    private static double Ring(string kind) => RingByKind.GetValueOrDefault(kind, RingByKind["persona"]);
}

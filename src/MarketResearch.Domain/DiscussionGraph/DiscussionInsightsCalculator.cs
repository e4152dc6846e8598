namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>
/// Insights computed from the graph alone (so they work on whatever store holds it): key concepts, controversial
/// concepts with supporters and critics, influential personas by PageRank, agreement pairs and segment differences.
/// </summary>
public static class DiscussionInsightsCalculator
{
    public const int TopCount = 10;

    /// <summary>Sentiment beyond ±this counts a persona as a supporter or critic of a concept.</summary>
    public const double StanceThreshold = 0.15;

    private const int MinPersonasPerSegment = 2;

    public static DiscussionInsights Compute(DiscussionGraphData graph)
    {
        var nodes = graph.Nodes.ToDictionary(node => node.Id, StringComparer.Ordinal);
        var mentions = graph.Edges.Where(edge => edge.Kind == GraphEdgeKinds.Mentions && nodes.ContainsKey(edge.Source) && nodes.ContainsKey(edge.Target)).ToList();
        var byConcept = mentions.GroupBy(edge => edge.Target, StringComparer.Ordinal).ToList();

        var keyConcepts = byConcept
            .Select(group => new KeyConcept(group.Key, nodes[group.Key].Label, (int)group.Sum(edge => edge.Weight), group.Count(),
                Round(group.Sum(edge => edge.Weight * (edge.Sentiment ?? 0)) / group.Sum(edge => edge.Weight))))
            .OrderByDescending(concept => concept.Personas).ThenByDescending(concept => concept.Mentions).ThenBy(concept => concept.Label, StringComparer.Ordinal)
            .Take(TopCount).ToList();

        var controversial = byConcept.Select(group => Controversy(group.Key, group.ToList(), nodes))
            .Where(concept => concept is not null).Select(concept => concept!)
            .OrderByDescending(concept => concept.Score).ThenBy(concept => concept.Label, StringComparer.Ordinal)
            .Take(TopCount).ToList();

        return new DiscussionInsights(keyConcepts, controversial, Influence(graph, nodes),
            Relations(graph, nodes, GraphEdgeKinds.AgreesWith), Relations(graph, nodes, GraphEdgeKinds.DisagreesWith),
            SegmentDifferences(byConcept, nodes));
    }

    private static ControversialConcept? Controversy(string conceptId, List<GraphEdge> edges, Dictionary<string, GraphNode> nodes)
    {
        var sentiments = edges.Select(edge => edge.Sentiment ?? 0).ToList();
        var supporters = edges.Where(edge => edge.Sentiment > StanceThreshold).Select(edge => nodes[edge.Source].Label).Order(StringComparer.Ordinal).ToList();
        var critics = edges.Where(edge => edge.Sentiment < -StanceThreshold).Select(edge => nodes[edge.Source].Label).Order(StringComparer.Ordinal).ToList();
        if (supporters.Count == 0 || critics.Count == 0)
        {
            return null;
        }

        var mean = sentiments.Average();
        var spread = Math.Sqrt(sentiments.Sum(value => (value - mean) * (value - mean)) / sentiments.Count);
        // Balanced camps are more controversial than one dissenter: weight the spread by how even the split is.
        var balance = 2.0 * Math.Min(supporters.Count, critics.Count) / (supporters.Count + critics.Count);
        return new ControversialConcept(conceptId, nodes[conceptId].Label, Round(spread), Round(spread * balance), supporters, critics);
    }

    private static List<InfluentialPersona> Influence(DiscussionGraphData graph, Dictionary<string, GraphNode> nodes)
    {
        var personas = graph.Nodes.Where(node => node.Kind == GraphNodeKinds.Persona).ToList();
        var index = personas.Select((node, position) => (node.Id, position)).ToDictionary(pair => pair.Id, pair => pair.position, StringComparer.Ordinal);
        var references = graph.Edges.Where(edge => edge.Kind is GraphEdgeKinds.AgreesWith or GraphEdgeKinds.DisagreesWith
            && index.ContainsKey(edge.Source) && index.ContainsKey(edge.Target)).ToList();
        var scores = PageRank.Compute(personas.Count, references.Select(edge => (index[edge.Source], index[edge.Target], edge.Weight)).ToList());
        return personas.Select((node, position) => new InfluentialPersona(node.Id, node.Label, Math.Round(scores[position], 6),
                (int)references.Where(edge => edge.Target == node.Id && edge.Kind == GraphEdgeKinds.AgreesWith).Sum(edge => edge.Weight),
                (int)references.Where(edge => edge.Target == node.Id && edge.Kind == GraphEdgeKinds.DisagreesWith).Sum(edge => edge.Weight)))
            .OrderByDescending(persona => persona.Score).ThenBy(persona => persona.Name, StringComparer.Ordinal)
            .Take(TopCount).ToList();
    }

    private static List<PersonaRelation> Relations(DiscussionGraphData graph, Dictionary<string, GraphNode> nodes, string kind) =>
        graph.Edges.Where(edge => edge.Kind == kind && nodes.ContainsKey(edge.Source) && nodes.ContainsKey(edge.Target))
            .Select(edge => new PersonaRelation(edge.Source, nodes[edge.Source].Label, edge.Target, nodes[edge.Target].Label, (int)edge.Weight))
            .OrderByDescending(relation => relation.Count).ThenBy(relation => relation.FromName, StringComparer.Ordinal).ThenBy(relation => relation.ToName, StringComparer.Ordinal)
            .Take(TopCount * 2).ToList();

    private static List<SegmentDifference> SegmentDifferences(List<IGrouping<string, GraphEdge>> byConcept, Dictionary<string, GraphNode> nodes)
    {
        var differences = new List<SegmentDifference>();
        foreach (var concept in byConcept)
        {
            var categories = concept.SelectMany(edge => nodes[edge.Source].Properties.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var category in categories)
            {
                var groups = concept
                    .Where(edge => nodes[edge.Source].Properties.ContainsKey(category))
                    .GroupBy(edge => nodes[edge.Source].Properties[category], StringComparer.Ordinal)
                    .Where(group => group.Count() >= MinPersonasPerSegment)
                    .Select(group => (Value: group.Key, Sentiment: group.Average(edge => edge.Sentiment ?? 0)))
                    .OrderByDescending(group => group.Sentiment).ThenBy(group => group.Value, StringComparer.Ordinal)
                    .ToList();
                if (groups.Count >= 2)
                {
                    differences.Add(new SegmentDifference(concept.Key, nodes[concept.Key].Label, category,
                        groups[0].Value, Round(groups[0].Sentiment), groups[^1].Value, Round(groups[^1].Sentiment)));
                }
            }
        }

        return differences.OrderByDescending(difference => difference.Gap).ThenBy(difference => difference.Concept, StringComparer.Ordinal).Take(TopCount).ToList();
    }

    private static double Round(double value) => Math.Round(value, 4);
}

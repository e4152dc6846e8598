using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>
/// The graph in Neo4j: (:DiscussionNode:Persona|Concept|Emotion) nodes and MENTIONS, FEELS, AGREES_WITH,
/// DISAGREES_WITH relationships, keyed by focus group. Labels and types come from fixed lists, values only from
/// parameters; writes go in batches of <see cref="BatchSize"/> inside one transaction.
/// </summary>
public sealed class Neo4jGraphStore(Neo4jQueryClient neo4j) : IGraphStore
{
    public const int BatchSize = 1_000;
    private static readonly SemaphoreSlim SchemaLock = new(1, 1);
    private static readonly HashSet<Uri> SchemaReady = [];

    private static readonly Dictionary<string, string> NodeLabels = new(StringComparer.Ordinal)
    {
        [GraphNodeKinds.Persona] = "Persona",
        [GraphNodeKinds.Concept] = "Concept",
        [GraphNodeKinds.Emotion] = "Emotion",
    };

    public async Task ReplaceAsync(DiscussionGraphData graph, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        var focusGroupId = graph.FocusGroupId.ToString();
        var statements = new List<Neo4jStatement> { DeleteStatement(focusGroupId) };
        foreach (var kind in graph.Nodes.GroupBy(node => node.Kind, StringComparer.Ordinal))
        {
            var label = NodeLabels.GetValueOrDefault(kind.Key) ?? throw new ArgumentException($"Unknown node kind '{kind.Key}'.", nameof(graph));
            foreach (var batch in kind.Chunk(BatchSize))
            {
                statements.Add(new Neo4jStatement(
                    $"UNWIND $nodes AS node CREATE (:DiscussionNode:{label} {{focusGroupId: $focusGroupId, id: node.id, kind: node.kind, label: node.label, size: node.size, sentiment: node.sentiment, properties: node.properties}})",
                    new JsonObject { ["focusGroupId"] = focusGroupId, ["nodes"] = new JsonArray(batch.Select(NodeParameter).ToArray()) }));
            }
        }

        foreach (var kind in graph.Edges.GroupBy(edge => edge.Kind, StringComparer.Ordinal))
        {
            var type = GraphEdgeKinds.All.FirstOrDefault(known => known == kind.Key) ?? throw new ArgumentException($"Unknown edge kind '{kind.Key}'.", nameof(graph));
            foreach (var batch in kind.Chunk(BatchSize))
            {
                statements.Add(new Neo4jStatement(
                    "UNWIND $edges AS edge " +
                    "MATCH (a:DiscussionNode {focusGroupId: $focusGroupId, id: edge.source}) " +
                    "MATCH (b:DiscussionNode {focusGroupId: $focusGroupId, id: edge.target}) " +
                    $"CREATE (a)-[:{type} {{weight: edge.weight, sentiment: edge.sentiment}}]->(b)",
                    new JsonObject { ["focusGroupId"] = focusGroupId, ["edges"] = new JsonArray(batch.Select(EdgeParameter).ToArray()) }));
            }
        }

        await neo4j.ExecuteInTransactionAsync(statements, cancellationToken);
    }

    public async Task<DiscussionGraphData?> LoadAsync(Guid focusGroupId, CancellationToken cancellationToken)
    {
        var parameters = () => new JsonObject { ["focusGroupId"] = focusGroupId.ToString() };
        var nodeRows = await neo4j.QueryAsync(new Neo4jStatement(
            "MATCH (n:DiscussionNode {focusGroupId: $focusGroupId}) RETURN n.id, n.kind, n.label, n.size, n.sentiment, n.properties ORDER BY n.kind, n.id",
            parameters()), cancellationToken);
        if (nodeRows.Count == 0)
        {
            return null;
        }

        var edgeRows = await neo4j.QueryAsync(new Neo4jStatement(
            "MATCH (a:DiscussionNode {focusGroupId: $focusGroupId})-[r]->(b:DiscussionNode {focusGroupId: $focusGroupId}) " +
            "RETURN a.id, b.id, type(r), r.weight, r.sentiment ORDER BY type(r), a.id, b.id",
            parameters()), cancellationToken);
        return new DiscussionGraphData(focusGroupId,
            nodeRows.Select(row => new GraphNode(Text(row[0]), Text(row[1]), Text(row[2]), row[3]!.GetValue<double>(), Number(row[4]),
                JsonSerializer.Deserialize<Dictionary<string, string>>(Text(row[5])) ?? [])).ToList(),
            edgeRows.Select(row => new GraphEdge(Text(row[0]), Text(row[1]), Text(row[2]), row[3]!.GetValue<double>(), Number(row[4]))).ToList());
    }

    public async Task DeleteAsync(Guid focusGroupId, CancellationToken cancellationToken) =>
        await neo4j.ExecuteInTransactionAsync([DeleteStatement(focusGroupId.ToString())], cancellationToken);

    private static Neo4jStatement DeleteStatement(string focusGroupId) =>
        new("MATCH (n:DiscussionNode {focusGroupId: $focusGroupId}) DETACH DELETE n", new JsonObject { ["focusGroupId"] = focusGroupId });

    /// <summary>An index on (focusGroupId, id) so edge creation finds its nodes without a scan; created once per server and process.</summary>
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await SchemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!SchemaReady.Contains(neo4j.Server))
            {
                await neo4j.QueryAsync(new Neo4jStatement(
                    "CREATE INDEX discussion_node_key IF NOT EXISTS FOR (n:DiscussionNode) ON (n.focusGroupId, n.id)", new JsonObject()), cancellationToken);
                SchemaReady.Add(neo4j.Server);
            }
        }
        finally
        {
            SchemaLock.Release();
        }
    }

    private static JsonNode NodeParameter(GraphNode node) => new JsonObject
    {
        ["id"] = node.Id,
        ["kind"] = node.Kind,
        ["label"] = node.Label,
        ["size"] = node.Size,
        ["sentiment"] = node.Sentiment,
        // Neo4j properties cannot hold maps: the segments travel as a JSON string.
        ["properties"] = JsonSerializer.Serialize(node.Properties),
    };

    private static JsonNode EdgeParameter(GraphEdge edge) => new JsonObject
    {
        ["source"] = edge.Source,
        ["target"] = edge.Target,
        ["weight"] = edge.Weight,
        ["sentiment"] = edge.Sentiment,
    };

    private static string Text(JsonNode? value) => value?.GetValue<string>() ?? string.Empty;

    private static double? Number(JsonNode? value) => value is null ? null : value.GetValue<double>();
}

using System.Text.Json.Nodes;
using MarketResearch.Domain.DiscussionGraph;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketResearch.UnitTests.DiscussionGraph;

/// <summary>
/// The Neo4j store's protocol against a local HTTP server that speaks the Query API's transaction endpoints. The
/// Cypher itself is exercised by the shared contract suite wherever a real Neo4j runs.
/// </summary>
public sealed class Neo4jProtocolTests : IAsyncLifetime
{
    private readonly List<RecordedRequest> _requests = [];
    private WebApplication? _server;
    private Neo4jConnection _connection = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Map("/db/neo4j/query/v2/{**rest}", Answer);
        _server.Map("/db/neo4j/query/v2", Answer);
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _connection = Neo4jConnection.Parse($"Endpoint={address};Username=neo4j;Password=s3cret-pass");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_replace_is_one_transaction_with_batched_parameterised_statements()
    {
        using var http = new HttpClient();
        var store = new Neo4jGraphStore(new Neo4jQueryClient(http, _connection));
        var hostile = "x\"}) DETACH DELETE n //";
        var persona = DiscussionGraphData.PersonaId(Guid.NewGuid());
        var graph = new DiscussionGraphData(Guid.NewGuid(),
            [
                new GraphNode(persona, GraphNodeKinds.Persona, "Anna", 1, 0.2, new Dictionary<string, string> { ["location"] = "rural" }),
                new GraphNode("concept:x", GraphNodeKinds.Concept, hostile, 1, null, new Dictionary<string, string>()),
            ],
            [new GraphEdge(persona, "concept:x", GraphEdgeKinds.Mentions, 1, 0.2)]);

        await store.ReplaceAsync(graph, CancellationToken.None);

        var paths = _requests.Select(request => $"{request.Method} {request.Path}").ToList();
        Assert.Equal(
        [
            "POST /db/neo4j/query/v2",
            "POST /db/neo4j/query/v2/tx",
            "POST /db/neo4j/query/v2/tx/tx-1",
            "POST /db/neo4j/query/v2/tx/tx-1",
            "POST /db/neo4j/query/v2/tx/tx-1",
            "POST /db/neo4j/query/v2/tx/tx-1/commit",
        ], paths);
        Assert.All(_requests, request => Assert.Equal("Basic bmVvNGo6czNjcmV0LXBhc3M=", request.Authorization));
        Assert.All(_requests.Skip(2), request => Assert.Equal("server-7", request.Affinity));
        Assert.Contains("DETACH DELETE", _requests[1].Statement, StringComparison.Ordinal);
        Assert.All(_requests, request => Assert.DoesNotContain(hostile, request.Statement ?? string.Empty, StringComparison.Ordinal));
        Assert.Contains(_requests, request => request.Body?["parameters"]?["nodes"]?[0]?["label"]?.GetValue<string>() == hostile);
        Assert.Contains(_requests, request => request.Statement?.Contains("CREATE (a)-[:MENTIONS", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_refused_statement_rolls_the_transaction_back_and_says_why()
    {
        using var http = new HttpClient();
        var client = new Neo4jQueryClient(http, _connection);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.ExecuteInTransactionAsync(
            [new Neo4jStatement("MATCH (n) RETURN n", new JsonObject()), new Neo4jStatement("FAIL here", new JsonObject())], CancellationToken.None));

        Assert.Contains("Neo.ClientError.Statement.SyntaxError", error.Message, StringComparison.Ordinal);
        Assert.Equal("DELETE /db/neo4j/query/v2/tx/tx-1", $"{_requests[^1].Method} {_requests[^1].Path}");
    }

    [Fact]
    public async Task A_stored_graph_is_read_back_from_rows()
    {
        using var http = new HttpClient();
        var store = new Neo4jGraphStore(new Neo4jQueryClient(http, _connection));

        var graph = await store.LoadAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.NotNull(graph);
        var node = Assert.Single(graph.Nodes);
        Assert.Equal(("persona:p1", "Anna", 3.0, "rural"), (node.Id, node.Label, node.Size, node.Properties["location"]));
        var edge = Assert.Single(graph.Edges);
        Assert.Equal(("persona:p1", "concept:x", GraphEdgeKinds.Mentions, 2.0, -0.5), (edge.Source, edge.Target, edge.Kind, edge.Weight, edge.Sentiment));
    }

    private async Task Answer(HttpContext context)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var body = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        var statement = body?["statement"]?.GetValue<string>();
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.Headers.Authorization.ToString(),
                context.Request.Headers["neo4j-cluster-affinity"].ToString() is { Length: > 0 } affinity ? affinity : null, statement, body));
        }

        JsonObject answer;
        if (statement?.StartsWith("FAIL", StringComparison.Ordinal) == true)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            answer = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = "Neo.ClientError.Statement.SyntaxError", ["message"] = "Invalid input 'FAIL'" }) };
        }
        else if (statement?.Contains("RETURN n.id", StringComparison.Ordinal) == true)
        {
            answer = Rows(new JsonArray("persona:p1", "persona", "Anna", 3, null, "{\"location\":\"rural\"}"));
        }
        else if (statement?.Contains("type(r)", StringComparison.Ordinal) == true)
        {
            answer = Rows(new JsonArray("persona:p1", "concept:x", "MENTIONS", 2, -0.5));
        }
        else
        {
            answer = Rows();
            if (context.Request.Path.Value!.EndsWith("/tx", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                context.Response.Headers["neo4j-cluster-affinity"] = "server-7";
                answer["transaction"] = new JsonObject { ["id"] = "tx-1", ["expires"] = "2026-11-28T00:00:30Z" };
            }
        }

        await context.Response.WriteAsJsonAsync(answer);
    }

    private static JsonObject Rows(params JsonArray[] rows) =>
        new() { ["data"] = new JsonObject { ["fields"] = new JsonArray(), ["values"] = new JsonArray(rows) }, ["bookmarks"] = new JsonArray() };

    private sealed record RecordedRequest(string Method, string Path, string Authorization, string? Affinity, string? Statement, JsonObject? Body);
}

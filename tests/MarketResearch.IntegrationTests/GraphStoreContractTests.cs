using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Domain.Persistence;
using MarketResearch.UnitTests.DiscussionGraph;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// One contract for every <see cref="IGraphStore"/>: Postgres always (the stack's database), Neo4j wherever
/// NEO4J_CONNECTION (Endpoint=http://host:7474;Username=neo4j;Password=…) names a reachable server, as in the
/// containers-mode GitHub job.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class GraphStoreContractTests(LocalStackFixture stack)
{
    private const string Neo4jVariable = "NEO4J_CONNECTION";

    public static TheoryData<string> Stores()
    {
        var stores = new TheoryData<string> { "postgres" };
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Neo4jVariable)))
        {
            stores.Add("neo4j");
        }

        return stores;
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_graph_round_trips_with_hostile_text_kept_verbatim(string kind)
    {
        await using var store = await OpenAsync(kind);
        var graph = Sample(Guid.CreateVersion7(), "price\"}) DETACH DELETE n //", "'; DROP TABLE graph_nodes; --");

        await store.Store.ReplaceAsync(graph, CancellationToken.None);
        var loaded = await store.Store.LoadAsync(graph.FocusGroupId, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(Canonical(graph), Canonical(loaded));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Replacing_leaves_nothing_of_the_old_graph_and_other_focus_groups_are_untouched(string kind)
    {
        await using var store = await OpenAsync(kind);
        var first = Sample(Guid.CreateVersion7(), "delivery speed", "Anna");
        var neighbour = Sample(Guid.CreateVersion7(), "oat milk", "Ben");
        await store.Store.ReplaceAsync(first, CancellationToken.None);
        await store.Store.ReplaceAsync(neighbour, CancellationToken.None);

        var smaller = first with { Nodes = first.Nodes.Take(2).ToList(), Edges = first.Edges.Take(1).ToList() };
        await store.Store.ReplaceAsync(smaller, CancellationToken.None);

        Assert.Equal(Canonical(smaller), Canonical((await store.Store.LoadAsync(first.FocusGroupId, CancellationToken.None))!));
        Assert.Equal(Canonical(neighbour), Canonical((await store.Store.LoadAsync(neighbour.FocusGroupId, CancellationToken.None))!));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Deleting_removes_one_focus_group_and_an_unknown_one_loads_as_null(string kind)
    {
        await using var store = await OpenAsync(kind);
        var doomed = Sample(Guid.CreateVersion7(), "loyalty points", "Cleo");
        var kept = Sample(Guid.CreateVersion7(), "loyalty points", "Cleo");
        await store.Store.ReplaceAsync(doomed, CancellationToken.None);
        await store.Store.ReplaceAsync(kept, CancellationToken.None);

        await store.Store.DeleteAsync(doomed.FocusGroupId, CancellationToken.None);

        Assert.Null(await store.Store.LoadAsync(doomed.FocusGroupId, CancellationToken.None));
        Assert.NotNull(await store.Store.LoadAsync(kept.FocusGroupId, CancellationToken.None));
        Assert.Null(await store.Store.LoadAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_hundred_persona_discussion_is_stored_whole(string kind)
    {
        await using var store = await OpenAsync(kind);
        var input = SyntheticDiscussion.Create(personas: 100, questions: 5, seed: 11);
        var graph = await new DiscussionGraphBuilder(new LexicalDiscussionExtractor(), new DiscussionGraphOptions()).BuildAsync(input, CancellationToken.None);

        await store.Store.ReplaceAsync(graph, CancellationToken.None);
        var loaded = (await store.Store.LoadAsync(graph.FocusGroupId, CancellationToken.None))!;

        Assert.Equal(graph.Nodes.Count, loaded.Nodes.Count);
        Assert.Equal(graph.Edges.Count, loaded.Edges.Count);
        Assert.Equal(DiscussionInsightsCalculator.Compute(graph).KeyConcepts, DiscussionInsightsCalculator.Compute(loaded).KeyConcepts);
    }

    private async Task<OpenStore> OpenAsync(string kind)
    {
        if (kind == "neo4j")
        {
            var http = new HttpClient();
            return new OpenStore(new Neo4jGraphStore(new Neo4jQueryClient(http, Neo4jConnection.Parse(Environment.GetEnvironmentVariable(Neo4jVariable)!))), http);
        }

        var options = new DbContextOptionsBuilder<ResearchDbContext>().UseNpgsql(await stack.DatabaseConnectionStringAsync());
        options.UseResearchConventions();
        var db = new ResearchDbContext(options.Options);
        return new OpenStore(new PostgresGraphStore(db), db);
    }

    private static DiscussionGraphData Sample(Guid focusGroupId, string concept, string personaName)
    {
        var persona = DiscussionGraphData.PersonaId(Guid.CreateVersion7());
        var other = DiscussionGraphData.PersonaId(Guid.CreateVersion7());
        var conceptId = DiscussionGraphData.ConceptId(concept);
        return new DiscussionGraphData(focusGroupId,
        [
            new GraphNode(persona, GraphNodeKinds.Persona, personaName, 3, 0.25, new Dictionary<string, string> { ["location"] = "rural", ["age"] = "35-44" }),
            new GraphNode(other, GraphNodeKinds.Persona, "Zoë Łukasiewicz", 2, null, new Dictionary<string, string>()),
            new GraphNode(conceptId, GraphNodeKinds.Concept, concept, 4, -0.5, new Dictionary<string, string> { ["personas"] = "2" }),
            new GraphNode(DiscussionGraphData.EmotionId("fear"), GraphNodeKinds.Emotion, "fear", 1, null, new Dictionary<string, string>()),
        ],
        [
            new GraphEdge(persona, conceptId, GraphEdgeKinds.Mentions, 2, -0.75),
            new GraphEdge(other, conceptId, GraphEdgeKinds.Mentions, 1, 0.5),
            new GraphEdge(persona, DiscussionGraphData.EmotionId("fear"), GraphEdgeKinds.Feels, 0.4, null),
            new GraphEdge(other, persona, GraphEdgeKinds.DisagreesWith, 2, null),
            new GraphEdge(persona, other, GraphEdgeKinds.AgreesWith, 1, null),
        ]);
    }

    private static string Canonical(DiscussionGraphData graph) =>
        string.Join('\n', graph.Nodes.Select(node => $"N|{node.Id}|{node.Kind}|{node.Label}|{node.Size}|{node.Sentiment}|{string.Join(',', node.Properties.OrderBy(pair => pair.Key, StringComparer.Ordinal))}")
            .Concat(graph.Edges.Select(edge => $"E|{edge.Source}|{edge.Target}|{edge.Kind}|{edge.Weight}|{edge.Sentiment}"))
            .Order(StringComparer.Ordinal));

    private sealed class OpenStore(IGraphStore store, IDisposable owner) : IAsyncDisposable
    {
        public IGraphStore Store { get; } = store;

        public ValueTask DisposeAsync()
        {
            owner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

using MarketResearch.Domain.DiscussionGraph;

namespace MarketResearch.UnitTests.DiscussionGraph;

public sealed class DiscussionInsightsTests
{
    private static readonly Guid Anna = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Ben = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Cleo = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid Dan = Guid.Parse("00000000-0000-0000-0000-00000000000d");

    private static DiscussionInput Discussion() => new(Guid.NewGuid(), Guid.NewGuid(), "en",
    [
        new DiscussionSpeaker(Anna, "Anna", new Dictionary<string, string> { ["location"] = "urban" }),
        new DiscussionSpeaker(Ben, "Ben", new Dictionary<string, string> { ["location"] = "urban" }),
        new DiscussionSpeaker(Cleo, "Cleo", new Dictionary<string, string> { ["location"] = "rural" }),
        new DiscussionSpeaker(Dan, "Dan", new Dictionary<string, string> { ["location"] = "rural" }),
    ],
    [
        new Utterance(Anna, 0, "The subscription price feels fair and I love the delivery speed.", 0.7, [], []),
        new Utterance(Ben, 0, "I agree with Anna, the subscription price is fine.", 0.5, [Anna], []),
        new Utterance(Cleo, 0, "The subscription price is too high for us, I'm worried about delivery speed.", -0.6, [], [Anna]),
        new Utterance(Dan, 0, "Cleo is right, the subscription price is a rip-off.", -0.8, [Cleo], [Anna, Ben]),
        new Utterance(Anna, 1, "Delivery speed matters most to me.", 0.4, [], []),
    ]);

    private static async Task<DiscussionGraphData> BuildAsync(DiscussionInput input) =>
        await new DiscussionGraphBuilder(new LexicalDiscussionExtractor(), new DiscussionGraphOptions()).BuildAsync(input, CancellationToken.None);

    [Fact]
    public async Task The_graph_links_personas_to_concepts_emotions_and_each_other()
    {
        var graph = await BuildAsync(Discussion());

        Assert.Equal(4, graph.Nodes.Count(node => node.Kind == GraphNodeKinds.Persona));
        var concepts = graph.Nodes.Where(node => node.Kind == GraphNodeKinds.Concept).Select(node => node.Id).ToList();
        Assert.Contains("concept:subscription price", concepts);
        Assert.Contains("concept:delivery speed", concepts);
        Assert.DoesNotContain("concept:rip-off", concepts);
        var annaSpeed = graph.Edges.Single(edge => edge.Source == $"persona:{Anna}" && edge.Target == "concept:delivery speed");
        Assert.Equal(2, annaSpeed.Weight);
        Assert.Equal(0.55, annaSpeed.Sentiment!.Value, 9);
        Assert.Contains(graph.Edges, edge => edge.Kind == GraphEdgeKinds.Feels && edge.Source == $"persona:{Cleo}" && edge.Target == "emotion:fear");
        Assert.Equal(2, graph.Edges.Count(edge => edge.Kind == GraphEdgeKinds.AgreesWith));
        Assert.Equal(3, graph.Edges.Count(edge => edge.Kind == GraphEdgeKinds.DisagreesWith));
    }

    [Fact]
    public async Task Insights_name_the_split_concept_its_camps_the_influencer_and_the_segment_gap()
    {
        var insights = DiscussionInsightsCalculator.Compute(await BuildAsync(Discussion()));

        Assert.Equal("subscription price", insights.KeyConcepts[0].Label);
        Assert.Equal(4, insights.KeyConcepts[0].Personas);
        var price = Assert.Single(insights.ControversialConcepts, concept => concept.Label == "subscription price");
        Assert.Equal(["Anna", "Ben"], price.Supporters);
        Assert.Equal(["Cleo", "Dan"], price.Critics);
        Assert.Equal("Anna", insights.InfluentialPersonas[0].Name);
        Assert.Equal(1, insights.InfluentialPersonas[0].Agreements);
        Assert.Equal(2, insights.InfluentialPersonas[0].Disagreements);
        var gap = insights.SegmentDifferences.First(difference => difference.Concept == "subscription price");
        Assert.Equal(("location", "urban", "rural"), (gap.Category, gap.MostPositive, gap.MostNegative));
        Assert.Equal(1.3, gap.Gap, 9);
    }

    [Fact]
    public async Task A_concept_everyone_likes_is_not_controversial()
    {
        var input = Discussion() with
        {
            Utterances = [new Utterance(Anna, 0, "The oat milk is great.", 0.9, [], []), new Utterance(Ben, 0, "Oat milk, yes.", 0.6, [], [])],
        };

        var insights = DiscussionInsightsCalculator.Compute(await BuildAsync(input));

        Assert.Equal("oat milk", Assert.Single(insights.KeyConcepts).Label);
        Assert.Empty(insights.ControversialConcepts);
    }

    [Fact]
    public async Task A_hundred_personas_times_five_questions_give_a_bounded_graph_with_every_insight()
    {
        // Timing is the benchmark's job (bench -- graph); here the size and shape of a realistic group.
        var input = SyntheticDiscussion.Create(personas: 100, questions: 5, seed: 3);

        var graph = await BuildAsync(input);
        var insights = DiscussionInsightsCalculator.Compute(graph);

        Assert.InRange(graph.Nodes.Count(node => node.Kind == GraphNodeKinds.Concept), 5, new DiscussionGraphOptions().MaxConcepts);
        Assert.Equal(100, graph.Nodes.Count(node => node.Kind == GraphNodeKinds.Persona));
        Assert.Equal(DiscussionInsightsCalculator.TopCount, insights.KeyConcepts.Count);
        Assert.NotEmpty(insights.ControversialConcepts);
        Assert.NotEmpty(insights.InfluentialPersonas);
        Assert.NotEmpty(insights.SegmentDifferences);
    }
}

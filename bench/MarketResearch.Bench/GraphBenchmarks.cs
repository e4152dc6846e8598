using System.Diagnostics;
using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.UnitTests.DiscussionGraph;

namespace MarketResearch.Bench;

/// <summary>Graph building (extraction) and insights for a 100-persona × 5-question discussion; bar: insights ≤ 200 ms.</summary>
internal static class GraphBenchmarks
{
    private const int Runs = 50;

    public static async Task RunAsync()
    {
        var builder = new DiscussionGraphBuilder(new LexicalDiscussionExtractor(), new DiscussionGraphOptions());
        var input = SyntheticDiscussion.Create(personas: 100, questions: 5, seed: 1);
        var graph = await builder.BuildAsync(input, CancellationToken.None);
        DiscussionInsightsCalculator.Compute(graph);

        var builds = new List<TimeSpan>();
        var insights = new List<TimeSpan>();
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            graph = await builder.BuildAsync(input, CancellationToken.None);
            builds.Add(watch.Elapsed);
            watch.Restart();
            DiscussionInsightsCalculator.Compute(graph);
            insights.Add(watch.Elapsed);
        }

        Console.WriteLine($"graph: 100 personas x 5 questions = {input.Utterances.Count} answers -> {graph.Nodes.Count} nodes, {graph.Edges.Count} edges");
        Console.WriteLine($"graph build (lexical extraction): {new Latencies(builds).Describe()}");
        Console.WriteLine($"graph insights: {new Latencies(insights).Describe()} (bar: 200 ms)");
    }
}

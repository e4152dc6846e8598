using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Worker.Jobs;

namespace MarketResearch.Worker.DiscussionGraph;

/// <summary>
/// "graph.rebuild": reads the transcript, extracts concepts and emotions, and replaces the focus group's graph in the
/// configured store. Replacing makes a re-run harmless, so at-least-once execution needs nothing more.
/// </summary>
internal sealed class GraphRebuildHandler(IServiceScopeFactory scopes) : IJobHandler
{
    public string JobType => GraphRebuildRequest.JobType;

    public async Task<object?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<GraphRebuildPayload>();
        await using var scope = scopes.CreateAsyncScope();
        var input = await scope.ServiceProvider.GetRequiredService<IDiscussionSource>().LoadAsync(payload.FocusGroupId, cancellationToken)
            ?? throw new JobPayloadException("The focus group has no completed transcript to build a graph from.");
        await context.ReportProgressAsync(0.2, $"Read {input.Utterances.Count} answers", cancellationToken);

        var graph = await scope.ServiceProvider.GetRequiredService<DiscussionGraphBuilder>().BuildAsync(input, cancellationToken);
        await context.ReportProgressAsync(0.7, $"Extracted {graph.Nodes.Count} nodes and {graph.Edges.Count} edges", cancellationToken);

        await scope.ServiceProvider.GetRequiredService<IGraphStore>().ReplaceAsync(graph, cancellationToken);
        await context.ReportProgressAsync(1, "Graph saved", cancellationToken);
        return new { nodes = graph.Nodes.Count, edges = graph.Edges.Count };
    }
}

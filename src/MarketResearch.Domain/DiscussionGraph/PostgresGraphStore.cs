using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>The default graph store: two tables in the research database, replaced per focus group in one transaction.</summary>
public sealed class PostgresGraphStore(ResearchDbContext db) : IGraphStore
{
    public async Task ReplaceAsync(DiscussionGraphData graph, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DeleteRowsAsync(graph.FocusGroupId, cancellationToken);
            AddRows(graph);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
    }

    /// <summary>Tracks the graph's node and edge rows for the next save (a worker's start-up rehearsal saves them where they are refused).</summary>
    public void AddRows(DiscussionGraphData graph)
    {
        db.GraphNodes.AddRange(graph.Nodes.Select(node => new GraphNodeRow
        {
            FocusGroupId = graph.FocusGroupId, NodeId = node.Id, Kind = node.Kind, Label = node.Label, Size = node.Size,
            Sentiment = node.Sentiment, Properties = node.Properties.ToDictionary(),
        }));
        db.GraphEdges.AddRange(graph.Edges.Select(edge => new GraphEdgeRow
        {
            FocusGroupId = graph.FocusGroupId, Source = edge.Source, Target = edge.Target, Kind = edge.Kind, Weight = edge.Weight, Sentiment = edge.Sentiment,
        }));
    }

    public async Task<DiscussionGraphData?> LoadAsync(Guid focusGroupId, CancellationToken cancellationToken)
    {
        var nodes = await db.GraphNodes.AsNoTracking().Where(row => row.FocusGroupId == focusGroupId)
            .OrderBy(row => row.Kind).ThenBy(row => row.NodeId).ToListAsync(cancellationToken);
        if (nodes.Count == 0)
        {
            return null;
        }

        var edges = await db.GraphEdges.AsNoTracking().Where(row => row.FocusGroupId == focusGroupId)
            .OrderBy(row => row.Kind).ThenBy(row => row.Source).ThenBy(row => row.Target).ToListAsync(cancellationToken);
        return new DiscussionGraphData(focusGroupId,
            nodes.Select(row => new GraphNode(row.NodeId, row.Kind, row.Label, row.Size, row.Sentiment, row.Properties)).ToList(),
            edges.Select(row => new GraphEdge(row.Source, row.Target, row.Kind, row.Weight, row.Sentiment)).ToList());
    }

    public async Task DeleteAsync(Guid focusGroupId, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DeleteRowsAsync(focusGroupId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private async Task DeleteRowsAsync(Guid focusGroupId, CancellationToken cancellationToken)
    {
        await db.GraphEdges.Where(row => row.FocusGroupId == focusGroupId).ExecuteDeleteAsync(cancellationToken);
        await db.GraphNodes.Where(row => row.FocusGroupId == focusGroupId).ExecuteDeleteAsync(cancellationToken);
    }
}

namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>
/// Where discussion graphs live: Postgres tables by default, Neo4j where one runs (Graph:Store). A graph is a
/// projection of a transcript, so every write replaces a focus group's whole graph: rebuilds are idempotent.
/// </summary>
public interface IGraphStore
{
    Task ReplaceAsync(DiscussionGraphData graph, CancellationToken cancellationToken);

    /// <summary>The stored graph, or null when none has been built for this focus group.</summary>
    Task<DiscussionGraphData?> LoadAsync(Guid focusGroupId, CancellationToken cancellationToken);

    Task DeleteAsync(Guid focusGroupId, CancellationToken cancellationToken);
}

namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>The job that (re)builds a focus group's graph from its transcript in Postgres.</summary>
public static class GraphRebuildRequest
{
    public const string JobType = "graph.rebuild";
}

public sealed record GraphRebuildPayload(Guid FocusGroupId);

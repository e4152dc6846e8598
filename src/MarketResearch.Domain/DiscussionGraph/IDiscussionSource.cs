namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>Reads a focus group's transcript as graph input; null when the focus group has no completed transcript.</summary>
public interface IDiscussionSource
{
    Task<DiscussionInput?> LoadAsync(Guid focusGroupId, CancellationToken cancellationToken);
}

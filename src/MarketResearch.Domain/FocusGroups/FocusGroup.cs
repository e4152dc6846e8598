namespace MarketResearch.Domain.FocusGroups;

/// <summary>
/// A moderated discussion with chosen personas of one project. Each run is a job; <see cref="LastJobId"/> names the
/// run whose transcript and insights are shown.
/// </summary>
public sealed class FocusGroup
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public string Name { get; set; } = string.Empty;
    public List<Guid> PersonaIds { get; set; } = [];
    public List<string> Questions { get; set; } = [];
    public bool ModeratorFollowUps { get; set; }
    public FocusGroupStatus Status { get; set; }
    public Guid? LastJobId { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public enum FocusGroupStatus
{
    Draft,
    Queued,
    Running,
    Completed,
    Failed,
}

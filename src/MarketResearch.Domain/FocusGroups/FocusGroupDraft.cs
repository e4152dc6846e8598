namespace MarketResearch.Domain.FocusGroups;

/// <summary>Body of POST /projects/{id}/focus-groups.</summary>
public sealed record FocusGroupDraft(string? Name, IReadOnlyList<Guid>? PersonaIds, IReadOnlyList<string?>? Questions, bool? ModeratorFollowUps = null);

/// <summary>The payload of a run job; everything else is read from the focus group when it runs.</summary>
public sealed record FocusGroupRunPayload(Guid FocusGroupId)
{
    public const string JobType = "focus_groups.run";
}

using System.Text.Json;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Jobs;

namespace MarketResearch.Api.FocusGroups;

public sealed record FocusGroupResponse(
    Guid Id,
    Guid ProjectId,
    string Name,
    IReadOnlyList<Guid> PersonaIds,
    IReadOnlyList<string> Questions,
    bool ModeratorFollowUps,
    string Status,
    Guid? LastJobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static FocusGroupResponse From(FocusGroup group, JobStatus? lastJob) => new(
        group.Id, group.ProjectId, group.Name, group.PersonaIds, group.Questions, group.ModeratorFollowUps,
        EffectiveStatus(group.Status, lastJob).ToString().ToLowerInvariant(), group.LastJobId, group.CreatedAt, group.CompletedAt);

    /// <summary>
    /// The stored status, except that a queued or running group whose job ended without success (failed, cancelled,
    /// dead-lettered, or its worker died for good) is failed: the job row is the truth about the run.
    /// </summary>
    public static FocusGroupStatus EffectiveStatus(FocusGroupStatus stored, JobStatus? lastJob) =>
        stored is FocusGroupStatus.Queued or FocusGroupStatus.Running && lastJob is { } job && job.IsFinished() && job != JobStatus.Succeeded
            ? FocusGroupStatus.Failed
            : stored;
}

public sealed record TurnResponse(
    int Sequence,
    int QuestionIndex,
    int Round,
    Guid? SpeakerPersonaId,
    string SpeakerName,
    string Text,
    double? Sentiment,
    IReadOnlyList<Guid> AgreesWith,
    IReadOnlyList<Guid> DisagreesWith,
    DateTimeOffset CreatedAt)
{
    public static TurnResponse From(FocusGroupTurn turn) => new(
        turn.Sequence, turn.QuestionIndex, turn.Round, turn.SpeakerPersonaId, turn.SpeakerName, turn.Text, turn.Sentiment,
        turn.AgreesWith, turn.DisagreesWith, turn.CreatedAt);
}

/// <summary>A page of the transcript of the last run, in speaking order; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record TranscriptResponse(Guid FocusGroupId, Guid? JobId, IReadOnlyList<string> Questions, IReadOnlyList<TurnResponse> Items, string? NextCursor);

public sealed record InsightsResponse(Guid FocusGroupId, Guid JobId, string GeneratedBy, string PromptVersion, JsonElement Insights, JsonElement Statistics, DateTimeOffset CreatedAt)
{
    public static InsightsResponse From(FocusGroupInsight insight) => new(
        insight.FocusGroupId, insight.JobId, insight.GeneratedBy, insight.PromptVersion, insight.Insights.RootElement, insight.Statistics.RootElement, insight.CreatedAt);
}

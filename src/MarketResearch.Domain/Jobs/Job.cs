using System.Text.Json;

namespace MarketResearch.Domain.Jobs;

/// <summary>
/// A unit of long work (persona generation, a focus-group run, an ingestion) in the durable Postgres queue.
/// Workers claim it with a lease; an expired lease means its worker died and the job goes back to the queue.
/// </summary>
public sealed class Job
{
    public Guid Id { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid CreatedBy { get; set; }
    public string Type { get; set; } = string.Empty;
    public JsonDocument Payload { get; set; } = JsonDocument.Parse("{}");
    public JobStatus Status { get; set; }
    public int Priority { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; }
    public DateTimeOffset RunAfter { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public bool CancelRequested { get; set; }
    public double Progress { get; set; }
    public string? ProgressMessage { get; set; }
    public string? Error { get; set; }
    public JsonDocument? Result { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    DeadLettered,
}

public static class JobStatuses
{
    public static bool IsFinished(this JobStatus status) =>
        status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled or JobStatus.DeadLettered;
}

/// <summary>One entry of a job's event stream (progress, transcript lines, status changes), numbered for replay.</summary>
public sealed class JobEvent
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public string Type { get; set; } = string.Empty;
    public JsonDocument Data { get; set; } = JsonDocument.Parse("{}");
    public DateTimeOffset CreatedAt { get; set; }
}

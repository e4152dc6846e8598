using System.Text.Json;

namespace MarketResearch.Domain.Jobs;

/// <summary>A job as a claim hands it to a worker, with the id of the "Running" event the claim stored.</summary>
public sealed record ClaimedJob(Guid Id, Guid? ProjectId, Guid CreatedBy, string Type, JsonDocument Payload, int Attempt, long RunningEventId);

/// <summary>One run of a job: the worker holding its lease and the attempt number, the token that proves the lease is still this run's.</summary>
public sealed record JobRun(Guid JobId, int Attempt, string WorkerId);

/// <summary>A successful run waiting to be written, with its result as JSON (null for none).</summary>
public sealed record JobCompletion(Guid JobId, int Attempt, string? ResultJson);

/// <summary>A lease to extend, with the progress to store.</summary>
public sealed record LeaseRenewal(Guid JobId, int Attempt, double Progress, string? Message);

/// <summary>A lease still held after a renewal, and whether someone asked to cancel the job.</summary>
public sealed record LeaseState(Guid JobId, int Attempt, bool CancelRequested);

/// <summary>A stored "status" event (written in the statement that changed the status), ready to broadcast.</summary>
public sealed record StatusEvent(Guid JobId, long EventId, JobStatus Status, string? Error, int Attempt);

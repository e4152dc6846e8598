using System.Text.Json;

namespace MarketResearch.Worker.Jobs;

/// <summary>
/// Runs one type of job. Execution is at-least-once: a job may run again after its worker died, so every effect
/// must be idempotent (keyed by the job id, replaced rather than appended).
/// </summary>
public interface IJobHandler
{
    string JobType { get; }

    Task<object?> ExecuteAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler sees of its job: the payload, and ways to report progress and live events.</summary>
public sealed class JobContext(Guid jobId, Guid? projectId, Guid createdBy, int attempt, JsonDocument payload, JobEvents events)
{
    public Guid JobId { get; } = jobId;
    public Guid? ProjectId { get; } = projectId;
    public Guid CreatedBy { get; } = createdBy;
    public int Attempt { get; } = attempt;
    public JsonDocument Payload { get; } = payload;

    /// <summary>Latest progress; the heartbeat persists it, the event stream carries it live.</summary>
    public double Progress { get; private set; }
    public string? ProgressMessage { get; private set; }

    public T PayloadAs<T>() => Payload.Deserialize<T>(JsonSerializerOptions.Web)
        ?? throw new JobPayloadException($"The payload is not a {typeof(T).Name}.");

    public Task ReportProgressAsync(double fraction, string message, CancellationToken cancellationToken) =>
        PublishAsync([RecordProgress(fraction, message)], cancellationToken);

    /// <summary>Records progress and answers its event, for a handler that publishes its events in batches.</summary>
    public JobEventData RecordProgress(double fraction, string message)
    {
        Progress = Math.Clamp(fraction, 0, 1);
        ProgressMessage = message;
        return new JobEventData("progress", new { progress = Progress, message });
    }

    public Task PublishAsync(string type, object data, CancellationToken cancellationToken) =>
        events.PublishAsync(JobId, type, data, cancellationToken);

    /// <summary>Several events, stored in their order by one insert.</summary>
    public Task PublishAsync(IReadOnlyList<JobEventData> batch, CancellationToken cancellationToken) =>
        events.PublishAsync(JobId, batch, cancellationToken);
}

/// <summary>A payload that can never succeed: the job fails at once instead of being retried.</summary>
public sealed class JobPayloadException(string message) : Exception(message);

using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Domain.Jobs;

public sealed class JobQueueOptions
{
    public const string Section = "Jobs";

    /// <summary>How long a claim lasts without a heartbeat; a worker killed mid-job loses its job after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 100)]
    public int DefaultMaxAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Names shared by the enqueuing API, the worker and the event streams.</summary>
public static class JobChannels
{
    /// <summary>
    /// Postgres NOTIFY channel: wakes idle workers the moment a job is committed. The jobs table's insert trigger names it
    /// (migration JobQueuedWakeUp): a new name needs a migration that replaces the trigger's function.
    /// </summary>
    public const string Queued = "marketresearch_jobs";

    /// <summary>Redis pub/sub channel of one job's live events, so any API replica can stream any job.</summary>
    public static string Events(Guid jobId) => $"jobs:{jobId:N}:events";
}

using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Worker.Jobs;

public sealed class JobRunnerOptions
{
    public const string Section = "Worker:Jobs";

    /// <summary>Jobs this worker runs at once.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Most jobs one claim statement takes; never more than the free slots, so other replicas still get work.</summary>
    [Range(1, 256)]
    public int ClaimBatchSize { get; set; } = 16;

    /// <summary>Most successful runs written by one completion statement.</summary>
    [Range(1, 1024)]
    public int CompletionBatchSize { get; set; } = 64;

    /// <summary>
    /// How long the first finished run waits for others to share its completion statement (group commit). Zero writes at
    /// once; runs that finish while a statement is under way still share the next one. Not waited when no other run is
    /// executing: nobody could join.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan CompletionFlushDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Fallback when a NOTIFY was missed (e.g. while the listener reconnected).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often expired leases are reclaimed and queue gauges sampled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(5);
}

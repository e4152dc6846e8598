using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Worker.Jobs;

public sealed class JobRunnerOptions
{
    public const string Section = "Worker:Jobs";

    /// <summary>Jobs this worker runs at once.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Fallback when a NOTIFY was missed (e.g. while the listener reconnected).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often expired leases are reclaimed and queue gauges sampled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(5);
}

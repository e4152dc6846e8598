using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Web.Jobs;

public sealed class JobWatchOptions
{
    public const string Section = "JobWatch";

    /// <summary>How often a job is polled when its event stream cannot be held open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Stream reconnections before the watcher falls back to polling for good.</summary>
    [Range(0, 100)]
    public int StreamReconnects { get; set; } = 3;
}

using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Worker.Heartbeat;

public sealed class HeartbeatOptions
{
    public const string Section = "Worker:Heartbeat";

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Beats missed before the worker reports itself unhealthy (its loop is stuck).</summary>
    [Range(2, 100)]
    public int MissedBeatsBeforeUnhealthy { get; set; } = 3;
}

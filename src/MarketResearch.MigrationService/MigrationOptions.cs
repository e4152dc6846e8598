using System.ComponentModel.DataAnnotations;

namespace MarketResearch.MigrationService;

public sealed class MigrationOptions
{
    public const string Section = "Migrations";

    /// <summary>How long to keep retrying while Postgres is still starting.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

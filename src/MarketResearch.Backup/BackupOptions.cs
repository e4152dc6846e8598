using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Backup;

/// <summary>Where backups live, how long they are kept and how the tools run; bound from "Backup".</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>One sub-folder per backup; in production a volume of its own, never the database's disk.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = "";

    /// <summary>Backups older than this are pruned, except the newest verified one.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Prometheus text file for node-exporter's textfile collector; empty writes none. Must end in .prom.</summary>
    [RegularExpression(@"^.*\.prom$", ErrorMessage = "Backup:MetricsFile must end in .prom (node-exporter reads only those).")]
    public string? MetricsFile { get; set; }

    /// <summary>Folder of pg_dump and pg_restore; empty means PATH. Their major version must be at least the server's.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>The database admin commands connect to while the backed-up one is created, dropped or renamed.</summary>
    [Required(AllowEmptyStrings = false)]
    public string MaintenanceDatabase { get; set; } = "postgres";

    /// <summary>Parallel pg_restore jobs; about the database server's core count.</summary>
    [Range(1, 64)]
    public int RestoreJobs { get; set; } = 2;

    /// <summary>Longest any one external tool (pg_dump, pg_restore, redis-cli) may run before it is stopped.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ToolTimeout { get; set; } = TimeSpan.FromHours(2);
}

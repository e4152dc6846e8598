using System.Globalization;
using System.Text;

namespace MarketResearch.Backup.Metrics;

/// <summary>
/// The Prometheus text format for node-exporter's textfile collector. A job that exits cannot be scraped and a
/// pushed OpenTelemetry gauge goes stale minutes after the push, so BackupTooOld could never see a day-old
/// value: a file that node-exporter serves until the next run replaces it keeps the last value visible.
/// </summary>
internal static class PrometheusTextfile
{
    public static string Format(BackupRunMetrics metrics)
    {
        var text = new StringBuilder();
        // No verified backup at all reads as one from 1970, so BackupTooOld fires instead of staying silent.
        Gauge(text, "backup_last_success_timestamp_seconds", "Unix time the newest verified backup finished its capture (0: none).",
            [(null, metrics.LastSuccess?.ToUnixTimeSeconds() ?? 0)]);
        Gauge(text, "backup_size_bytes", "Bytes the last backup run wrote, per artifact.",
            metrics.SizeBytes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => ((string?)pair.Key, (double)pair.Value)).ToList());
        Gauge(text, "backup_duration_seconds", "Duration of the last backup run, dump and verification included.",
            [(null, Math.Round(metrics.DurationSeconds, 3))]);
        Gauge(text, "backup_verify_success", "1 when the last backup run's backup restored and matched its manifest, else 0.",
            [(null, metrics.Verified ? 1 : 0)]);
        return text.ToString();
    }

    /// <summary>Written beside the target and renamed over it: node-exporter must never read half a file.</summary>
    public static async Task WriteAsync(string path, BackupRunMetrics metrics, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        await File.WriteAllTextAsync(temporary, Format(metrics), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private static void Gauge(StringBuilder text, string name, string help, IReadOnlyList<(string? Artifact, double Value)> samples)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
        foreach (var (artifact, value) in samples)
        {
            var labels = artifact is null ? "" : $"{{artifact=\"{artifact}\"}}";
            text.Append(CultureInfo.InvariantCulture, $"{name}{labels} {value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }
    }
}

using MarketResearch.Backup.Metrics;

namespace MarketResearch.UnitTests.Backup;

public sealed class PrometheusTextfileTests
{
    private static readonly BackupRunMetrics Good = new(
        new DateTimeOffset(2026, 11, 28, 2, 0, 41, TimeSpan.Zero),
        new Dictionary<string, long> { ["redis"] = 2048, ["postgres"] = 123456789 },
        12.3456,
        Verified: true);

    [Fact]
    public void Every_backup_metric_is_a_gauge_with_help_and_its_value()
    {
        var text = PrometheusTextfile.Format(Good);

        Assert.Equal(
            """
            # HELP backup_last_success_timestamp_seconds Unix time the newest verified backup finished its capture (0: none).
            # TYPE backup_last_success_timestamp_seconds gauge
            backup_last_success_timestamp_seconds 1795831241
            # HELP backup_size_bytes Bytes the last backup run wrote, per artifact.
            # TYPE backup_size_bytes gauge
            backup_size_bytes{artifact="postgres"} 123456789
            backup_size_bytes{artifact="redis"} 2048
            # HELP backup_duration_seconds Duration of the last backup run, dump and verification included.
            # TYPE backup_duration_seconds gauge
            backup_duration_seconds 12.346
            # HELP backup_verify_success 1 when the last backup run's backup restored and matched its manifest, else 0.
            # TYPE backup_verify_success gauge
            backup_verify_success 1

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Without_any_verified_backup_the_last_success_is_the_epoch_so_the_alert_fires()
    {
        var text = PrometheusTextfile.Format(Good with { LastSuccess = null, Verified = false });

        Assert.Contains("\nbackup_last_success_timestamp_seconds 0\n", text, StringComparison.Ordinal);
        Assert.Contains("\nbackup_verify_success 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_metric_the_alert_watches_is_the_one_written()
    {
        var alerts = File.ReadAllText(RepositoryFile("deploy", "monitoring", "prometheus", "alerts.yml"));
        var text = PrometheusTextfile.Format(Good);

        Assert.Contains("max(backup_last_success_timestamp_seconds)", alerts, StringComparison.Ordinal);
        Assert.Contains("\nbackup_last_success_timestamp_seconds ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var folder = Directory.CreateTempSubdirectory("backup-metrics-");
        try
        {
            var path = Path.Combine(folder.FullName, "marketresearch_backup.prom");
            await File.WriteAllTextAsync(path, "stale");

            await PrometheusTextfile.WriteAsync(path, Good, CancellationToken.None);

            Assert.Equal(PrometheusTextfile.Format(Good), await File.ReadAllTextAsync(path));
            Assert.Equal([path], Directory.GetFiles(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string RepositoryFile(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MarketResearch.sln")))
            {
                return Path.Combine([directory.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("Not inside the repository.");
    }
}

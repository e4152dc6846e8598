using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Metrics;
using static MarketResearch.UnitTests.Backup.BackupEntries;

namespace MarketResearch.UnitTests.Backup;

public sealed class BackupRunMetricsTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(42);

    [Fact]
    public void A_verified_run_reports_its_own_capture_time_sizes_and_success()
    {
        var run = DaysAgo(0, BackupStatus.Verified);

        var metrics = BackupRunMetrics.From([run, DaysAgo(1, BackupStatus.Verified)], run, Duration);

        Assert.Equal(run.Manifest!.FinishedAt, metrics.LastSuccess);
        Assert.Equal(new Dictionary<string, long> { ["postgres"] = 1234 }, metrics.SizeBytes);
        Assert.Equal(42, metrics.DurationSeconds);
        Assert.True(metrics.Verified);
    }

    [Fact]
    public void A_failed_run_keeps_reporting_the_previous_success_so_the_alert_can_age_it()
    {
        var previous = DaysAgo(2, BackupStatus.Verified);
        var failed = DaysAgo(0, BackupStatus.Failed);

        var metrics = BackupRunMetrics.From([failed, DaysAgo(1, BackupStatus.Incomplete), previous], failed, Duration);

        Assert.Equal(previous.Manifest!.FinishedAt, metrics.LastSuccess);
        Assert.False(metrics.Verified);
    }

    [Fact]
    public void Re_verifying_an_old_backup_does_not_make_it_look_new()
    {
        var old = DaysAgo(3, BackupStatus.Verified);
        var reverified = old with
        {
            Manifest = old.Manifest! with { Verification = old.Manifest.Verification! with { VerifiedAt = Now } },
        };
        var failed = DaysAgo(0, BackupStatus.Failed);

        var metrics = BackupRunMetrics.From([failed, reverified], failed, Duration);

        Assert.Equal(old.Manifest.FinishedAt, metrics.LastSuccess);
    }

    [Fact]
    public void Without_any_verified_backup_there_is_no_last_success()
    {
        var failed = DaysAgo(0, BackupStatus.Failed);

        Assert.Null(BackupRunMetrics.From([failed], failed, Duration).LastSuccess);
    }
}

using MarketResearch.Backup.Catalog;

namespace MarketResearch.Backup.Metrics;

/// <summary>What the last `backup run` tells Prometheus; the names are the ones alerts.yml and docs/operations.md use.</summary>
/// <param name="LastSuccess">When the newest verified backup in the catalog finished its capture; null when there is none.</param>
/// <param name="SizeBytes">Bytes written by the last run, per artifact (postgres, redis).</param>
/// <param name="DurationSeconds">The last run from start to verified, dump and verify included.</param>
/// <param name="Verified">Whether the last run's backup passed verification.</param>
internal sealed record BackupRunMetrics(
    DateTimeOffset? LastSuccess, IReadOnlyDictionary<string, long> SizeBytes, double DurationSeconds, bool Verified)
{
    public static BackupRunMetrics From(IEnumerable<BackupEntry> catalog, BackupEntry lastRun, TimeSpan duration)
    {
        var newestVerified = catalog
            .Where(entry => entry.Status == BackupStatus.Verified)
            .MaxBy(entry => entry.Id.StartedAt);
        var sizes = new Dictionary<string, long>();
        if (lastRun.Manifest?.Postgres is { } postgres)
        {
            sizes["postgres"] = postgres.Dump.SizeBytes;
        }

        if (lastRun.Manifest?.Redis is { } redis)
        {
            sizes["redis"] = redis.SizeBytes;
        }

        // When its capture finished, not when it was last verified: re-verifying an old backup must not hide its age.
        return new BackupRunMetrics(newestVerified?.Manifest?.FinishedAt, sizes, duration.TotalSeconds, lastRun.Status == BackupStatus.Verified);
    }
}

namespace MarketResearch.Backup.Metrics;

/// <summary>What the last `backup run` tells Prometheus; the names are the ones alerts.yml and docs/operations.md use.</summary>
/// <param name="LastSuccess">When the newest verified backup in the catalog finished; null when there is none.</param>
/// <param name="SizeBytes">Bytes written by the last run, per artifact (postgres, redis).</param>
/// <param name="DurationSeconds">The last run from start to verified, dump and verify included.</param>
/// <param name="Verified">Whether the last run's backup passed verification.</param>
internal sealed record BackupRunMetrics(
    DateTimeOffset? LastSuccess, IReadOnlyDictionary<string, long> SizeBytes, double DurationSeconds, bool Verified);

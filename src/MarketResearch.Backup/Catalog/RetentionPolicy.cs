namespace MarketResearch.Backup.Catalog;

/// <summary>Which backups `prune` deletes.</summary>
internal static class RetentionPolicy
{
    /// <summary>
    /// Backups that started more than <paramref name="retentionDays"/> before <paramref name="now"/>, except the
    /// newest verified backup: a schedule that stopped working must never leave nothing to restore.
    /// </summary>
    public static IReadOnlyList<BackupEntry> Expired(IEnumerable<BackupEntry> backups, DateTimeOffset now, int retentionDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        var all = backups.ToList();
        var cutoff = now - TimeSpan.FromDays(retentionDays);
        var newestVerified = all
            .Where(entry => entry.Status == BackupStatus.Verified)
            .MaxBy(entry => entry.Id.StartedAt);

        return all
            .Where(entry => entry.Id.StartedAt < cutoff && entry.Id != newestVerified?.Id)
            .OrderBy(entry => entry.Id.StartedAt)
            .ToList();
    }
}

using MarketResearch.Backup.Catalog;

namespace MarketResearch.UnitTests.Backup;

/// <summary>Catalog entries and manifests in each state, for tests that decide on them.</summary>
internal static class BackupEntries
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    public static BackupEntry DaysAgo(double days, BackupStatus status)
    {
        var id = BackupId.At(Now.AddDays(-days));
        return new BackupEntry(id, $"/backups/{id}", status == BackupStatus.Incomplete ? null : Manifest(id, status));
    }

    public static BackupManifest Manifest(BackupId id, BackupStatus status) => new()
    {
        Id = id.ToString(),
        StartedAt = id.StartedAt,
        FinishedAt = id.StartedAt.AddMinutes(1),
        Postgres = new PostgresArtifact(
            new FileArtifact("postgres.dump", 1234, new string('a', 64)),
            "15.18",
            new DatabaseSettings("marketresearch", "postgres", "UTF8", "C", "C"),
            [new TableFingerprint("public.projects", 3, "1:2")]),
        Failure = status == BackupStatus.Failed ? "pg_dump exited with 1" : null,
        Verification = status == BackupStatus.Verified ? new VerificationResult(id.StartedAt.AddMinutes(2), true, [], 1.5) : null,
    };
}

using System.Text.Json.Serialization;

namespace MarketResearch.Backup.Catalog;

/// <summary>
/// manifest.json, written beside the artifacts: what was captured, their checksums, and the row counts and
/// content checksums of every table as of the dump's snapshot, which verify and restore compare against.
/// </summary>
internal sealed record BackupManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public required string Id { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public PostgresArtifact? Postgres { get; init; }

    public FileArtifact? Redis { get; init; }

    /// <summary>Stores deliberately not captured, with the reason (not configured, dumped elsewhere).</summary>
    public IReadOnlyDictionary<string, string> Skipped { get; init; } = new Dictionary<string, string>();

    public VerificationResult? Verification { get; init; }

    /// <summary>Why the run stopped before a verifiable backup existed.</summary>
    public string? Failure { get; init; }

    [JsonIgnore]
    public BackupStatus Status => this switch
    {
        { Failure: not null } => BackupStatus.Failed,
        { Verification.Succeeded: true } => BackupStatus.Verified,
        { Verification.Succeeded: false } => BackupStatus.Failed,
        _ => BackupStatus.Unverified,
    };
}

internal enum BackupStatus
{
    /// <summary>Restored into a scratch database and every table matched the manifest.</summary>
    Verified,

    /// <summary>The run or its verification failed: do not restore from it.</summary>
    Failed,

    /// <summary>Captured but never verified (the run stopped during verification).</summary>
    Unverified,

    /// <summary>A folder without a manifest: the run stopped during the dump.</summary>
    Incomplete,
}

internal sealed record FileArtifact(string File, long SizeBytes, string Sha256);

internal sealed record PostgresArtifact(FileArtifact Dump, string ServerVersion, DatabaseSettings Database, IReadOnlyList<TableFingerprint> Tables);

/// <summary>What CREATE DATABASE needs to recreate the database the dump came from (a plain dump does not carry it).</summary>
internal sealed record DatabaseSettings(string Name, string Owner, string Encoding, string Collate, string CharacterType);

/// <summary>A table's row count and an order-independent checksum of its rows' text.</summary>
internal sealed record TableFingerprint(string Table, long Rows, string Checksum);

internal sealed record VerificationResult(DateTimeOffset VerifiedAt, bool Succeeded, IReadOnlyList<string> Problems, double RestoreSeconds);

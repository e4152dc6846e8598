namespace MarketResearch.Backup.Catalog;

/// <summary>One backup folder in the catalog; a folder without a readable manifest is an incomplete backup.</summary>
internal sealed record BackupEntry(BackupId Id, string Folder, BackupManifest? Manifest)
{
    public BackupStatus Status => Manifest?.Status ?? BackupStatus.Incomplete;

    public string PathOf(string file) => Path.Combine(Folder, file);

    public BackupManifest RequireManifest() => Manifest
        ?? throw new Tools.BackupFailedException($"Backup {Id} has no manifest: its run stopped before the dump finished.");
}

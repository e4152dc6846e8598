using MarketResearch.Backup;
using MarketResearch.Backup.Catalog;
using Microsoft.Extensions.Options;
using static MarketResearch.UnitTests.Backup.BackupEntries;

namespace MarketResearch.UnitTests.Backup;

public sealed class BackupCatalogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"backup-catalog-{Guid.NewGuid():N}");
    private readonly BackupCatalog _catalog;

    public BackupCatalogTests() => _catalog = new BackupCatalog(Options.Create(new BackupOptions { Directory = _root }));

    [Fact]
    public async Task A_saved_manifest_reads_back_equal_and_keeps_its_status()
    {
        var id = BackupId.At(Now);
        var manifest = Manifest(id, BackupStatus.Verified);

        await _catalog.SaveAsync(_catalog.Create(id), manifest, CancellationToken.None);
        var read = Assert.Single(_catalog.List()).Manifest!;

        Assert.Equal(BackupStatus.Verified, read.Status);
        Assert.Equal(manifest.Postgres!.Dump, read.Postgres!.Dump);
        Assert.Equal(manifest.Postgres.Database, read.Postgres.Database);
        Assert.Equal(manifest.Postgres.Tables, read.Postgres.Tables);
        Assert.Equal(manifest.Verification!.VerifiedAt, read.Verification!.VerifiedAt);
        Assert.False(File.Exists(Path.Combine(_root, id.ToString(), "manifest.json.tmp")));
    }

    [Fact]
    public async Task The_list_is_newest_first_and_ignores_folders_that_are_not_backups()
    {
        foreach (var days in new[] { 3, 1, 2 })
        {
            var id = BackupId.At(Now.AddDays(-days));
            await _catalog.SaveAsync(_catalog.Create(id), Manifest(id, BackupStatus.Verified), CancellationToken.None);
        }

        Directory.CreateDirectory(Path.Combine(_root, "lost+found"));

        Assert.Equal(
            [BackupId.At(Now.AddDays(-1)), BackupId.At(Now.AddDays(-2)), BackupId.At(Now.AddDays(-3))],
            _catalog.List().Select(entry => entry.Id));
    }

    [Fact]
    public async Task Latest_is_the_newest_verified_backup_not_the_newest_folder()
    {
        var verified = BackupId.At(Now.AddDays(-2));
        await _catalog.SaveAsync(_catalog.Create(verified), Manifest(verified, BackupStatus.Verified), CancellationToken.None);
        var failed = BackupId.At(Now.AddDays(-1));
        await _catalog.SaveAsync(_catalog.Create(failed), Manifest(failed, BackupStatus.Failed), CancellationToken.None);
        _catalog.Create(BackupId.At(Now));

        Assert.Equal(verified, _catalog.Find("latest").Id);
        Assert.Equal(BackupStatus.Incomplete, _catalog.Find(BackupId.At(Now).ToString()).Status);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Backup_folders_are_readable_by_their_owner_only()
    {
        var backup = _catalog.Create(BackupId.At(Now));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(backup.Folder));
    }

    [Fact]
    public void Two_runs_in_the_same_second_do_not_share_a_folder()
    {
        _catalog.Create(BackupId.At(Now));

        Assert.Throws<MarketResearch.Backup.Tools.BackupFailedException>(() => _catalog.Create(BackupId.At(Now.AddMilliseconds(400))));
    }

    [Fact]
    public void A_damaged_manifest_makes_the_backup_incomplete()
    {
        var backup = _catalog.Create(BackupId.At(Now));
        File.WriteAllText(backup.PathOf(BackupCatalog.ManifestFile), "{ \"id\": ");

        Assert.Equal(BackupStatus.Incomplete, Assert.Single(_catalog.List()).Status);
    }

    [Fact]
    public void Ids_are_utc_seconds_and_round_trip()
    {
        var id = BackupId.At(new DateTimeOffset(2026, 11, 28, 3, 4, 5, 678, TimeSpan.FromHours(1)));

        Assert.Equal("20261128T020405Z", id.ToString());
        Assert.True(BackupId.TryParse(id.ToString(), out var parsed));
        Assert.Equal(id, parsed);
        Assert.False(BackupId.TryParse("2026-11-28", out _));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

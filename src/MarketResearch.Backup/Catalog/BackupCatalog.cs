using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MarketResearch.Backup.Tools;
using Microsoft.Extensions.Options;

namespace MarketResearch.Backup.Catalog;

/// <summary>
/// The backup folder: one sub-folder per backup named by its id. Folders whose names are not backup ids are
/// never listed or deleted, so the catalog can share a volume with anything else.
/// </summary>
internal sealed class BackupCatalog(IOptions<BackupOptions> options)
{
    public const string ManifestFile = "manifest.json";
    public const string LatestAlias = "latest";

    // Backups hold every user's data and password hashes: only the backup user may read them.
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Read by people too: no \u escapes for quotes in table names, no null members.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Root => Path.GetFullPath(options.Value.Directory);

    public BackupEntry Create(BackupId id)
    {
        CreateOwnerOnlyDirectory(Root);
        var folder = Path.Combine(Root, id.ToString());
        if (Directory.Exists(folder))
        {
            throw new BackupFailedException($"Backup {id} already exists; runs must be at least a second apart.");
        }

        CreateOwnerOnlyDirectory(folder);
        return new BackupEntry(id, folder, Manifest: null);
    }

    /// <summary>Every backup, newest first.</summary>
    public IReadOnlyList<BackupEntry> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(Root)
            .Select(folder => (folder, parsed: BackupId.TryParse(Path.GetFileName(folder), out var id) ? id : null))
            .Where(candidate => candidate.parsed is not null)
            .Select(candidate => new BackupEntry(candidate.parsed!.Value, candidate.folder, ReadManifest(candidate.folder)))
            .OrderByDescending(entry => entry.Id.StartedAt)
            .ToList();
    }

    /// <summary>A backup by id, or the newest verified one for "latest".</summary>
    public BackupEntry Find(string idOrLatest)
    {
        var backups = List();
        var found = idOrLatest == LatestAlias
            ? backups.FirstOrDefault(entry => entry.Status == BackupStatus.Verified)
            : backups.FirstOrDefault(entry => entry.Id.ToString() == idOrLatest);
        return found ?? throw new BackupFailedException(idOrLatest == LatestAlias
            ? $"No verified backup in {Root}."
            : $"No backup {idOrLatest} in {Root}; `backup list` shows what there is.");
    }

    /// <summary>Written to a temporary file and renamed, so a reader never sees half a manifest.</summary>
    public async Task<BackupEntry> SaveAsync(BackupEntry entry, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var path = entry.PathOf(ManifestFile);
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, Json, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
        return entry with { Manifest = manifest };
    }

    public static void Delete(BackupEntry entry) => Directory.Delete(entry.Folder, recursive: true);

    private static BackupManifest? ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            // A damaged manifest cannot be verified against: the backup counts as incomplete.
            return null;
        }
    }

    private static void CreateOwnerOnlyDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly);
        }
    }
}

using MarketResearch.Backup.Catalog;

namespace MarketResearch.Backup.Postgres;

/// <summary>Names of the databases verify and restore work in beside the real one.</summary>
internal static class ScratchDatabase
{
    /// <summary>Postgres truncates identifiers longer than this, which would make two names collide.</summary>
    private const int MaxIdentifierBytes = 63;

    public static string ForVerify(string database, BackupId id) => Name(database, $"_verify_{id.ToString().ToLowerInvariant()}");

    public static string ForRestore(string database) => Name(database, "_restoring");

    private static string Name(string database, string suffix)
    {
        var room = MaxIdentifierBytes - suffix.Length;
        var prefix = database;
        while (System.Text.Encoding.UTF8.GetByteCount(prefix) > room)
        {
            prefix = prefix[..^1];
        }

        return prefix + suffix;
    }
}

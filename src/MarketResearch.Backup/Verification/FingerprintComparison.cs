using MarketResearch.Backup.Catalog;

namespace MarketResearch.Backup.Verification;

/// <summary>What differs between the tables a manifest recorded and the tables a restore produced.</summary>
internal static class FingerprintComparison
{
    public static IReadOnlyList<string> Differences(IEnumerable<TableFingerprint> expected, IEnumerable<TableFingerprint> restored)
    {
        var wanted = expected.ToDictionary(table => table.Table, StringComparer.Ordinal);
        var found = restored.ToDictionary(table => table.Table, StringComparer.Ordinal);
        var differences = new List<string>();

        foreach (var (name, table) in wanted.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!found.TryGetValue(name, out var actual))
            {
                differences.Add($"{name}: in the backup, missing from the restore.");
            }
            else if (actual.Rows != table.Rows)
            {
                differences.Add($"{name}: {table.Rows} rows in the backup, {actual.Rows} restored.");
            }
            else if (actual.Checksum != table.Checksum)
            {
                differences.Add($"{name}: {table.Rows} rows as expected, but their content differs (checksum {actual.Checksum}, expected {table.Checksum}).");
            }
        }

        differences.AddRange(found.Keys
            .Where(name => !wanted.ContainsKey(name))
            .Order(StringComparer.Ordinal)
            .Select(name => $"{name}: restored, but not in the backup's manifest."));
        return differences;
    }
}

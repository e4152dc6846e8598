using System.Globalization;
using System.Text;
using MarketResearch.Backup.Catalog;

namespace MarketResearch.Backup.Commands;

/// <summary>`backup list`: one line per backup, newest first, for people and for `grep`.</summary>
internal static class BackupListing
{
    public static string Format(IEnumerable<BackupEntry> backups)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"ID",-17} {"STATUS",-10} {"POSTGRES",10} {"TABLES",6} {"ROWS",12} {"REDIS",10}  NOTE");
        foreach (var backup in backups)
        {
            var manifest = backup.Manifest;
            var postgres = manifest?.Postgres;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{backup.Id,-17} {backup.Status.ToString().ToLowerInvariant(),-10} {Bytes(postgres?.Dump.SizeBytes),10} "
                + $"{postgres?.Tables.Count.ToString(CultureInfo.InvariantCulture) ?? "-",6} "
                + $"{postgres?.Tables.Sum(table => table.Rows).ToString(CultureInfo.InvariantCulture) ?? "-",12} "
                + $"{Bytes(manifest?.Redis?.SizeBytes),10}  {Note(manifest)}");
        }

        return text.ToString();
    }

    private static string Note(BackupManifest? manifest) => manifest switch
    {
        null => "no manifest: the run stopped during the dump",
        { Failure: { } failure } => failure,
        { Verification: { Succeeded: false } verification } => string.Join(" ", verification.Problems),
        { Verification: { } verification } => $"verified {verification.VerifiedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, restore {verification.RestoreSeconds:F1} s",
        _ => "",
    };

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "-",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:F1} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / 1048576.0:F1} MiB",
        _ => $"{bytes / 1073741824.0:F2} GiB",
    };
}

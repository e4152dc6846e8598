using System.Security.Cryptography;
using MarketResearch.Backup.Catalog;

namespace MarketResearch.Backup.Tools;

internal static class FileChecksum
{
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Size and SHA-256 of a file in a backup folder, readable by its owner only.</summary>
    public static async Task<FileArtifact> DescribeAsync(BackupEntry backup, string file, CancellationToken cancellationToken)
    {
        var path = backup.PathOf(file);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new FileArtifact(file, new FileInfo(path).Length, await Sha256Async(path, cancellationToken));
    }

    /// <summary>Null when the file is there and unchanged since the backup; otherwise what is wrong with it.</summary>
    public static async Task<string?> ProblemAsync(BackupEntry backup, FileArtifact artifact, CancellationToken cancellationToken)
    {
        var path = backup.PathOf(artifact.File);
        if (!File.Exists(path))
        {
            return $"{artifact.File} is missing.";
        }

        var actual = await Sha256Async(path, cancellationToken);
        return actual == artifact.Sha256
            ? null
            : $"{artifact.File} has SHA-256 {actual}, the manifest says {artifact.Sha256}: the file changed or is damaged.";
    }
}

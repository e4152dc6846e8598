using System.IO.Compression;

namespace MarketResearch.Knowledge.Documents;

/// <summary>
/// Refuses zip bombs before anything extracts them: too many entries, declared sizes or ratios over the limits, and
/// then a counting decompression that stops as soon as real output exceeds the declared or the total limit (headers
/// can lie). Nothing is kept in memory but a small buffer.
/// </summary>
public static class ZipArchiveGuard
{
    private const int BufferSize = 81920;

    public static DocumentRejection? Check(byte[] bytes, long maxUncompressedBytes, int maxRatio, long ratioCheckMinimumBytes, int maxEntries)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > maxEntries)
            {
                return Bomb($"it has {archive.Entries.Count} entries (at most {maxEntries} are accepted)");
            }

            long declared = 0;
            foreach (var entry in archive.Entries)
            {
                declared += entry.Length;
                if (declared > maxUncompressedBytes)
                {
                    return Bomb($"it would expand to more than {maxUncompressedBytes} bytes");
                }

                if (entry.Length >= ratioCheckMinimumBytes && entry.Length > (double)Math.Max(entry.CompressedLength, 1) * maxRatio)
                {
                    return Bomb($"'{entry.FullName}' expands {entry.Length / Math.Max(entry.CompressedLength, 1)} times (at most {maxRatio} is accepted)");
                }
            }

            long actual = 0;
            var buffer = new byte[BufferSize];
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                long entryBytes = 0;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    entryBytes += read;
                    actual += read;
                    if (entryBytes > entry.Length || actual > maxUncompressedBytes)
                    {
                        return Bomb($"'{entry.FullName}' expands beyond its declared size or the limit");
                    }
                }
            }

            return null;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or NotSupportedException)
        {
            return DocumentRejection.Unreadable($"The file starts like a zip archive but is damaged: {exception.Message}");
        }
    }

    /// <summary>True when the archive has an entry with this exact name (the Word main part).</summary>
    public static bool HasEntry(byte[] bytes, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        return archive.GetEntry(name) is not null;
    }

    private static DocumentRejection Bomb(string why) =>
        new(DocumentRejection.BadRequest, "The archive is not accepted.", $"The file looks like a zip bomb: {why}.");
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MarketResearch.Backup.Catalog;

/// <summary>A backup is named by the UTC second it started: names sort by age and say it at a glance.</summary>
internal readonly record struct BackupId(DateTimeOffset StartedAt)
{
    private const string Format = "yyyyMMdd'T'HHmmss'Z'";

    public static BackupId At(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new BackupId(new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out BackupId? id)
    {
        if (DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var startedAt))
        {
            id = new BackupId(startedAt);
            return true;
        }

        id = null;
        return false;
    }

    public override string ToString() => StartedAt.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}

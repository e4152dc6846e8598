using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Api.ReadCache;

public sealed class ReadCacheOptions
{
    public const string Section = "ReadCache";

    /// <summary>How long a result stays in Redis (shared by every API replica). A change replaces the key long before.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a result stays in one replica's memory.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LocalExpiration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest cached result; bigger ones are computed every time (HybridCache's payload limit).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 4 * 1024 * 1024;
}

namespace MarketResearch.Domain.Persistence;

/// <summary>
/// How often a host retries a database operation that failed transiently before giving up. Unset keeps EF's defaults
/// (6 retries, up to 30 s apart: about a minute), right for background jobs; the API sets a short budget so a request
/// meets a database outage with a quick 503 instead of hanging for a minute.
/// </summary>
public sealed class DatabaseRetryOptions
{
    public const string Section = "Database";

    public int? MaxRetryCount { get; set; }

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

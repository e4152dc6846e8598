using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Api.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public RateLimitRule Register { get; set; } = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) };
    public RateLimitRule Login { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) };
    public RateLimitRule LoginPerAccount { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) };
    public RateLimitRule PersonaGeneration { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromHours(1) };
    public RateLimitRule General { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Longest wait for a counter in Redis; past it the request gets 503 instead of being held.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:05")]
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retry-After sent with that 503.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan StoreRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class RateLimitRule
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; }
}

/// <summary>Names of the policies, as they appear in the rate_limit_rejections_total metric.</summary>
public static class RateLimitPolicies
{
    public const string Register = "register";
    public const string Login = "login";
    public const string LoginPerAccount = "login_account";
    public const string PersonaGeneration = "persona_generation";
    public const string General = "general";
}

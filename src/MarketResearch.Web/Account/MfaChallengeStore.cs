using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace MarketResearch.Web.Account;

/// <summary>The first sign-in step, passed, while the browser is asked for its second factor.</summary>
public sealed record MfaChallenge(string Email, string Password);

public sealed class MfaChallengeOptions
{
    public const string Section = "Account:MfaChallenge";

    /// <summary>How long the password step stays good while the user finds their authenticator app.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:30:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Keeps the first sign-in step on the server (Redis, the password encrypted with the web app's data-protection keys),
/// so the second step asks only for the code and the page never holds the password. The browser holds an HttpOnly
/// cookie naming the challenge; the API still checks the password and code together.
/// </summary>
public sealed class MfaChallengeStore(IConnectionMultiplexer redis, IDataProtectionProvider protection, Microsoft.Extensions.Options.IOptions<MfaChallengeOptions> options)
{
    public const string CookieName = "mr.mfa";
    private const int IdBytes = 32;
    private readonly IDataProtector _protector = protection.CreateProtector("MarketResearch.Web.MfaChallenge");

    public TimeSpan Lifetime => options.Value.Lifetime;

    public async Task<string> SaveAsync(MfaChallenge challenge)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(IdBytes));
        var stored = new StoredChallenge(challenge.Email, _protector.Protect(challenge.Password));
        await redis.GetDatabase().StringSetAsync(Key(id), JsonSerializer.Serialize(stored), Lifetime);
        return id;
    }

    public async Task<MfaChallenge?> FindAsync(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length != IdBytes * 2)
        {
            return null;
        }

        var value = await redis.GetDatabase().StringGetAsync(Key(id));
        if (!value.HasValue || JsonSerializer.Deserialize<StoredChallenge>(value.ToString()) is not { } stored)
        {
            return null;
        }

        try
        {
            return new MfaChallenge(stored.Email, _protector.Unprotect(stored.ProtectedPassword));
        }
        catch (CryptographicException)
        {
            // Keys rotated away: as good as expired.
            return null;
        }
    }

    public Task DeleteAsync(string id) => redis.GetDatabase().KeyDeleteAsync(Key(id));

    private static RedisKey Key(string id) => $"web:mfa:{id}";

    private sealed record StoredChallenge(string Email, string ProtectedPassword);
}

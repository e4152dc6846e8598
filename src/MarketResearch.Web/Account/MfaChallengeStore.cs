using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace MarketResearch.Web.Account;

/// <summary>The first sign-in step, passed, while the browser is asked for its second factor: the API's ticket for it.</summary>
public sealed record MfaChallenge(string Email, string Ticket);

public sealed class MfaChallengeOptions
{
    public const string Section = "Account:MfaChallenge";

    /// <summary>How long the password step stays good here while the user finds their authenticator app (the API's ticket has its own lifetime, Auth:MfaTicketLifetime).</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:30:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Keeps the first sign-in step on the server (Redis; the API's single-use MFA ticket encrypted with the web app's
/// data-protection keys), so the second step asks only for the code and neither the page nor any store keeps the
/// password. The browser holds an HttpOnly cookie naming the challenge.
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
        var stored = new StoredChallenge(challenge.Email, _protector.Protect(challenge.Ticket));
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
            return new MfaChallenge(stored.Email, _protector.Unprotect(stored.ProtectedTicket));
        }
        catch (CryptographicException)
        {
            // Keys rotated away: as good as expired.
            return null;
        }
    }

    public Task DeleteAsync(string id) => redis.GetDatabase().KeyDeleteAsync(Key(id));

    private static RedisKey Key(string id) => $"web:mfa:{id}";

    private sealed record StoredChallenge(string Email, string ProtectedTicket);
}

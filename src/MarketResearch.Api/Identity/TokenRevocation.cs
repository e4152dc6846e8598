using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketResearch.Api.Identity;

/// <summary>
/// The access-token denylist in Redis, shared by every API replica: a revoked jti, or a per-user epoch before
/// which all tokens are void. Each revocation is written as a key with a TTL (checked by MGET), into a sorted set
/// (reloaded by <see cref="RevocationMirror"/>) and published on a channel (applied by every replica's mirror), in one
/// transaction. Entries expire with the tokens they void, so the sets stay small.
/// </summary>
internal sealed class TokenRevocation(IConnectionMultiplexer redis, RevocationMirror mirror, IOptions<RevocationOptions> options, TimeProvider clock)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("auth:revocations");
    public static readonly RedisKey DeniedSet = "auth:denylist";
    public static readonly RedisKey EpochSet = "auth:epochs";

    private static RedisKey DeniedKey(string tokenId) => $"auth:denied:{tokenId}";
    private static RedisKey EpochKey(Guid userId) => $"auth:epoch:{userId:N}";

    public async Task RevokeTokenAsync(string tokenId, DateTimeOffset expiresAt)
    {
        // Validation tolerates the clock skew past exp, so the entry must outlive the token by as much.
        var voidUntil = expiresAt + IdentityRegistration.ClockSkew;
        var remaining = voidUntil - clock.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        var until = voidUntil.ToUnixTimeSeconds();
        var transaction = redis.GetDatabase().CreateTransaction();
        var writes = new Task[]
        {
            transaction.StringSetAsync(DeniedKey(tokenId), 1, remaining),
            transaction.SortedSetAddAsync(DeniedSet, tokenId, until),
            transaction.PublishAsync(Channel, RevocationMessage.Token(tokenId, until)),
        };
        await transaction.ExecuteAsync();
        await Task.WhenAll(writes);
        // This replica refuses the token at once, without waiting for its own message to come back.
        mirror.RememberToken(tokenId, until);
    }

    /// <summary>Voids every access token of the user issued before now ("sign out everywhere").</summary>
    public async Task RevokeAllAsync(Guid userId, TimeSpan accessTokenLifetime)
    {
        var epoch = clock.GetUtcNow().ToUnixTimeSeconds();
        var transaction = redis.GetDatabase().CreateTransaction();
        var writes = new Task[]
        {
            transaction.StringSetAsync(EpochKey(userId), epoch, accessTokenLifetime + IdentityRegistration.ClockSkew),
            transaction.SortedSetAddAsync(EpochSet, userId.ToString("N"), epoch, SortedSetWhen.GreaterThan),
            transaction.PublishAsync(Channel, RevocationMessage.Epoch(userId, epoch)),
        };
        await transaction.ExecuteAsync();
        await Task.WhenAll(writes);
        mirror.RememberEpoch(userId, epoch);
    }

    /// <summary>
    /// Runs on every authenticated request: answered from the in-process mirror while its subscription is proven
    /// current, otherwise by one round trip to Redis for both checks (which throws, i.e. fails closed, when Redis is down
    /// or slower than FallbackTimeout).
    /// </summary>
    public async ValueTask<bool> IsRevokedAsync(string tokenId, Guid userId, DateTimeOffset issuedAt)
    {
        if (mirror.TryIsRevoked(tokenId, userId, issuedAt) is { } known)
        {
            return known;
        }

        // The client would queue the command until Redis is back; a request must be refused instead, promptly.
        var values = await redis.GetDatabase().StringGetAsync([DeniedKey(tokenId), EpochKey(userId)])
            .WaitAsync(options.Value.FallbackTimeout, clock);
        if (values[0].HasValue)
        {
            return true;
        }

        return values[1].TryParse(out long epoch) && issuedAt.ToUnixTimeSeconds() < epoch;
    }
}

/// <summary>What travels on the revocation channel: <c>j|jti|until</c>, <c>e|user|epoch</c> and <c>p|replica|timestamp</c>.</summary>
internal static class RevocationMessage
{
    public const char TokenKind = 'j';
    public const char EpochKind = 'e';
    public const char PingKind = 'p';
    private const char Separator = '|';

    public static RedisValue Token(string tokenId, long until) => Format(TokenKind, tokenId, until);

    public static RedisValue Epoch(Guid userId, long epoch) => Format(EpochKind, userId.ToString("N"), epoch);

    public static RedisValue Ping(string replica, long timestamp) => Format(PingKind, replica, timestamp);

    public static bool TryParse(string? message, out char kind, out string subject, out long value)
    {
        kind = default;
        subject = string.Empty;
        value = default;
        var parts = message?.Split(Separator);
        if (parts is not [[var first], var middle, var last] || !long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        kind = first;
        subject = middle;
        return true;
    }

    private static string Format(char kind, string subject, long value) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}{Separator}{subject}{Separator}{value}");
}

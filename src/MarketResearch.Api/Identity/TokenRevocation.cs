using StackExchange.Redis;

namespace MarketResearch.Api.Identity;

/// <summary>
/// The access-token denylist in Redis, shared by every API replica: a revoked jti, or a per-user epoch before
/// which all tokens are void. Entries expire with the tokens they void, so the set stays small.
/// </summary>
internal sealed class TokenRevocation(IConnectionMultiplexer redis, TimeProvider clock)
{
    private static RedisKey DeniedKey(string tokenId) => $"auth:denied:{tokenId}";
    private static RedisKey EpochKey(Guid userId) => $"auth:epoch:{userId:N}";

    public async Task RevokeTokenAsync(string tokenId, DateTimeOffset expiresAt)
    {
        var remaining = expiresAt - clock.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            await redis.GetDatabase().StringSetAsync(DeniedKey(tokenId), 1, remaining);
        }
    }

    /// <summary>Voids every access token of the user issued before now ("sign out everywhere").</summary>
    public Task RevokeAllAsync(Guid userId, TimeSpan accessTokenLifetime) =>
        redis.GetDatabase().StringSetAsync(EpochKey(userId), clock.GetUtcNow().ToUnixTimeSeconds(), accessTokenLifetime);

    /// <summary>One round trip for both checks: this runs on every authenticated request.</summary>
    public async Task<bool> IsRevokedAsync(string tokenId, Guid userId, DateTimeOffset issuedAt)
    {
        var values = await redis.GetDatabase().StringGetAsync([DeniedKey(tokenId), EpochKey(userId)]);
        if (values[0].HasValue)
        {
            return true;
        }

        return values[1].TryParse(out long epoch) && issuedAt.ToUnixTimeSeconds() < epoch;
    }
}

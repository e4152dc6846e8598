using System.Text.Json;
using StackExchange.Redis;

namespace MarketResearch.Web.Account;

/// <summary>The API tokens of one browser session, kept server-side in Redis: the browser only holds a cookie naming the session.</summary>
public sealed record WebSession(string AccessToken, string RefreshToken, DateTimeOffset AccessTokenExpiresAt);

public sealed class WebSessionStore(IConnectionMultiplexer redis)
{
    private static RedisKey Key(string sessionId) => $"web:session:{sessionId}";

    public Task SaveAsync(string sessionId, WebSession session, TimeSpan lifetime) =>
        redis.GetDatabase().StringSetAsync(Key(sessionId), JsonSerializer.Serialize(session), lifetime);

    public async Task<WebSession?> FindAsync(string sessionId)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(sessionId));
        return value.HasValue ? JsonSerializer.Deserialize<WebSession>(value.ToString()) : null;
    }

    public Task DeleteAsync(string sessionId) => redis.GetDatabase().KeyDeleteAsync(Key(sessionId));
}

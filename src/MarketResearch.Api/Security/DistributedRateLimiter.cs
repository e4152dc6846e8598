using MarketResearch.Api.Identity;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketResearch.Api.Security;

/// <summary>
/// Fixed-window counters in Redis, so every API replica enforces one shared limit (a per-process limiter
/// would multiply the limit by the replica count behind a load balancer).
/// </summary>
internal sealed class DistributedRateLimiter(IConnectionMultiplexer redis, SecurityMetrics metrics, IOptions<RateLimitOptions> options, TimeProvider clock)
{
    // INCR and the first EXPIRE in one step: a crash between them must not leave a counter that never resets.
    private const string CountScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return { count, redis.call('PTTL', KEYS[1]) }
        """;

    /// <summary>Counts one request against <paramref name="partition"/>; returns when to retry if over the limit.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(string policy, string partition, RateLimitRule rule)
    {
        var key = (RedisKey)$"ratelimit:{policy}:{partition}";
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            CountScript, [key], [(long)rule.Window.TotalMilliseconds]).WaitAsync(options.Value.StoreTimeout, clock))!;
        var count = (long)result[0];
        if (count <= rule.PermitLimit)
        {
            return null;
        }

        metrics.RateLimited(policy);
        var remainingMs = Math.Max((long)result[1], 1000);
        return TimeSpan.FromMilliseconds(remainingMs);
    }
}

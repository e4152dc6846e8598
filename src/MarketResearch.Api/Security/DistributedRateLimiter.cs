using MarketResearch.Api.Identity;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketResearch.Api.Security;

/// <summary>One request counted against one rate-limit policy's partition.</summary>
internal readonly record struct RateLimitCharge(string Policy, string Partition, RateLimitRule Rule);

/// <summary>
/// Fixed-window counters in Redis, so every API replica enforces one shared limit (a per-process limiter
/// would multiply the limit by the replica count behind a load balancer).
/// </summary>
internal sealed class DistributedRateLimiter(IConnectionMultiplexer redis, SecurityMetrics metrics, IOptions<RateLimitOptions> options, TimeProvider clock)
{
    // For every key: INCR and the first PEXPIRE in one step (a crash between them must not leave a counter that never
    // resets), then the count and the time left. All keys in one script: one round trip however many limits apply.
    private const string CountScript = """
        local out = {}
        for i, key in ipairs(KEYS) do
          local count = redis.call('INCR', key)
          if count == 1 then redis.call('PEXPIRE', key, ARGV[i]) end
          out[2 * i - 1] = count
          out[2 * i] = redis.call('PTTL', key)
        end
        return out
        """;

    private const long MinRetryAfterMs = 1000;

    /// <summary>Counts one request against <paramref name="partition"/>; returns when to retry if over the limit.</summary>
    public Task<TimeSpan?> TryAcquireAsync(string policy, string partition, RateLimitRule rule) =>
        TryAcquireAllAsync([new RateLimitCharge(policy, partition, rule)]);

    /// <summary>
    /// Counts one request against every charge in one Redis round trip; all of them count, so no limit can be skirted
    /// through another. Returns the longest wait among the limits exceeded, or null when none is.
    /// </summary>
    public async Task<TimeSpan?> TryAcquireAllAsync(IReadOnlyList<RateLimitCharge> charges)
    {
        var keys = charges.Select(charge => (RedisKey)$"ratelimit:{charge.Policy}:{charge.Partition}").ToArray();
        var windows = charges.Select(charge => (RedisValue)(long)charge.Rule.Window.TotalMilliseconds).ToArray();
        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(CountScript, keys, windows)
                .WaitAsync(options.Value.StoreTimeout, clock))!;
        }
        catch (Exception exception) when (exception is not StoreUnavailableException)
        {
            throw new StoreUnavailableException("Redis (rate limits)", exception);
        }

        TimeSpan? retryAfter = null;
        for (var index = 0; index < charges.Count; index++)
        {
            if ((long)result[2 * index] <= charges[index].Rule.PermitLimit)
            {
                continue;
            }

            metrics.RateLimited(charges[index].Policy);
            var wait = TimeSpan.FromMilliseconds(Math.Max((long)result[(2 * index) + 1], MinRetryAfterMs));
            retryAfter = retryAfter is { } longest && longest >= wait ? longest : wait;
        }

        return retryAfter;
    }
}

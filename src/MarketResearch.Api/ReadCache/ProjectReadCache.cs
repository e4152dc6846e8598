using MarketResearch.Domain.ReadCache;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketResearch.Api.ReadCache;

/// <summary>
/// Cached reads of a project's results, for every read-heavy endpoint: persona pages and panel quality, focus-group
/// insights and survey results (<c>readCache.GetOrCreateAsync(projectId, area, key, load, ct)</c>); their worker handlers
/// implement <c>IChangesProjectReads</c>, so a finished run invalidates them.
/// <para>
/// Design: HybridCache (this replica's memory, then Redis) keyed by a per-project, per-area version token kept in Redis.
/// Invalidation replaces the token (<see cref="InvalidateAsync"/> here, the job runner in the worker), so every replica's
/// next read misses without pub/sub or tag fan-out, and stale entries simply expire. A read costs one Redis GET.
/// The token is replaced after the change commits, so a reader never caches old rows under the new token.
/// </para>
/// </summary>
public sealed class ProjectReadCache(HybridCache cache, IConnectionMultiplexer redis, IOptions<ReadCacheOptions> options, ILogger<ProjectReadCache> logger)
{
    private readonly HybridCacheEntryOptions _entry = new()
    {
        Expiration = options.Value.Expiration,
        LocalCacheExpiration = options.Value.LocalExpiration,
    };

    // A miss is answered before Redis has the result: the shared copy is written after the response (ShareAsync).
    private readonly HybridCacheEntryOptions _readThrough = new()
    {
        Expiration = options.Value.Expiration,
        LocalCacheExpiration = options.Value.LocalExpiration,
        Flags = HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <summary>The cached result for <paramref name="key"/> in the project's area, or <paramref name="load"/>'s, cached.</summary>
    public async ValueTask<T> GetOrCreateAsync<T>(Guid projectId, string area, string key, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken) =>
        await GetOrCreateAsync(await CurrentVersionAsync(projectId, area), projectId, area, key, load, cancellationToken);

    /// <summary>
    /// As above with a version token already read by <see cref="CurrentVersionAsync"/> (start it before the access
    /// check, so the Redis and database round trips overlap). On a miss the result is returned at once and written to
    /// Redis in the background: serialising and sending it is not on the request's path.
    /// </summary>
    public async ValueTask<T> GetOrCreateAsync<T>(string version, Guid projectId, string area, string key, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
    {
        var cacheKey = $"{area}:{projectId:N}:{version}:{key}";
        var loaded = false;
        var value = await cache.GetOrCreateAsync(cacheKey, async token =>
        {
            loaded = true;
            return await load(token);
        }, _readThrough, cancellationToken: cancellationToken);
        if (loaded)
        {
            _ = ShareAsync(cacheKey, value);
        }

        return value;
    }

    /// <summary>Call after a change to the project's results has committed: every replica's next read of the area misses.</summary>
    public Task InvalidateAsync(Guid projectId, string area) =>
        redis.GetDatabase().StringSetAsync(ProjectReadVersions.Key(projectId, area), ProjectReadVersions.NewToken(), ProjectReadVersions.Lifetime);

    /// <summary>The project's current version token for <paramref name="area"/> (one Redis GET; a SET the first time).</summary>
    public async Task<string> CurrentVersionAsync(Guid projectId, string area)
    {
        var database = redis.GetDatabase();
        var key = ProjectReadVersions.Key(projectId, area);
        var version = await database.StringGetAsync(key);
        if (version.HasValue)
        {
            return version.ToString();
        }

        // First read since the token expired (or ever): start one; a concurrent writer's token wins.
        await database.StringSetAsync(key, ProjectReadVersions.NewToken(), ProjectReadVersions.Lifetime, When.NotExists);
        return (await database.StringGetAsync(key)).ToString();
    }

    /// <summary>Puts a freshly loaded result into Redis for the other replicas, after the response; a failure only costs them a miss.</summary>
    private async Task ShareAsync<T>(string cacheKey, T value)
    {
        await Task.Yield();
        try
        {
            await cache.SetAsync(cacheKey, value, _entry);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(exception, "Could not share the cached result {CacheKey} through Redis", cacheKey);
        }
    }
}

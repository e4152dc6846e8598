using MarketResearch.Domain.ReadCache;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketResearch.Api.ReadCache;

/// <summary>
/// Cached reads of a project's results, for every read-heavy endpoint (persona pages and panel quality today; focus-group
/// and survey results adopt it with one call: <c>readCache.GetOrCreateAsync(projectId, "focus-groups", key, load, ct)</c>,
/// and their worker handlers implement <c>IChangesProjectReads</c> so a finished run invalidates them).
/// <para>
/// Design: HybridCache (this replica's memory, then Redis) keyed by a per-project, per-area version token kept in Redis.
/// Invalidation replaces the token (<see cref="InvalidateAsync"/> here, the job runner in the worker), so every replica's
/// next read misses without pub/sub or tag fan-out, and stale entries simply expire. A read costs one Redis GET.
/// The token is replaced after the change commits, so a reader never caches old rows under the new token.
/// </para>
/// </summary>
public sealed class ProjectReadCache(HybridCache cache, IConnectionMultiplexer redis, IOptions<ReadCacheOptions> options)
{
    private readonly HybridCacheEntryOptions _entry = new()
    {
        Expiration = options.Value.Expiration,
        LocalCacheExpiration = options.Value.LocalExpiration,
    };

    /// <summary>The cached result for <paramref name="key"/> in the project's area, or <paramref name="load"/>'s, cached.</summary>
    public async ValueTask<T> GetOrCreateAsync<T>(Guid projectId, string area, string key, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(projectId, area);
        return await cache.GetOrCreateAsync($"{area}:{projectId:N}:{version}:{key}", load, _entry, cancellationToken: cancellationToken);
    }

    /// <summary>Call after a change to the project's results has committed: every replica's next read of the area misses.</summary>
    public Task InvalidateAsync(Guid projectId, string area) =>
        redis.GetDatabase().StringSetAsync(ProjectReadVersions.Key(projectId, area), ProjectReadVersions.NewToken(), ProjectReadVersions.Lifetime);

    private async Task<string> CurrentVersionAsync(Guid projectId, string area)
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
}

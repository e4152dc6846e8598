using MarketResearch.Domain.ReadCache;
using StackExchange.Redis;

namespace MarketResearch.Worker.Jobs;

/// <summary>
/// Implemented by handlers whose success changes what a project's read endpoints return (a new panel, a finished focus
/// group). The runner then replaces the project's read-cache version of each area after the handler's effects are
/// committed and before the job is marked done, so a client that sees the job succeed never reads a cached old result.
/// </summary>
public interface IChangesProjectReads
{
    /// <summary>The read-cache areas (e.g. <see cref="ProjectReadVersions.Personas"/>) this job's success changes.</summary>
    IReadOnlyList<string> ChangedReadAreas { get; }
}

/// <summary>Replaces a project's read-cache version tokens in Redis (the API's ProjectReadCache reads them into its keys).</summary>
public sealed class ProjectReadInvalidation(IConnectionMultiplexer redis)
{
    public async Task InvalidateAsync(Guid projectId, IEnumerable<string> areas)
    {
        var database = redis.GetDatabase();
        await Task.WhenAll(areas.Select(area => database.StringSetAsync(ProjectReadVersions.Key(projectId, area), ProjectReadVersions.NewToken(), ProjectReadVersions.Lifetime)));
    }
}

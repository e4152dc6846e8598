namespace MarketResearch.Domain.ReadCache;

/// <summary>
/// The Redis keys holding each project's read-cache versions, shared by the API (which reads them into its cache keys)
/// and the worker (which replaces them when a job changes a project's results). A version is an opaque token:
/// a new random one per change, so a Redis restart can never bring an old version, and its stale entries, back.
/// </summary>
public static class ProjectReadVersions
{
    /// <summary>The project's saved personas, their pages and their panel quality.</summary>
    public const string Personas = "personas";

    /// <summary>The project's focus-group results (insights of each group's latest run).</summary>
    public const string FocusGroups = "focus-groups";

    /// <summary>The project's survey results (statistics of each survey's latest completed run).</summary>
    public const string Surveys = "surveys";

    /// <summary>A token outlives any cached entry; an expired one is simply replaced, which only costs cache misses.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static string Key(Guid projectId, string area) => $"readcache:{projectId:N}:{area}:version";

    /// <summary>A token never issued before.</summary>
    public static string NewToken() => Guid.NewGuid().ToString("N");
}

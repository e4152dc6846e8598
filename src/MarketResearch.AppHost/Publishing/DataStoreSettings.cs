namespace MarketResearch.AppHost.Publishing;

/// <summary>Postgres: the pool budget every service draws on.</summary>
internal sealed class PostgresSettings : ResourceSettings
{
    public PostgresSettings()
    {
        Cpus = "2.0";
        Memory = "2G";
        ReservedCpus = "1.0";
        ReservedMemory = "1G";
    }

    public int MaxConnections { get; set; } = 200;

    /// <summary>Connections kept free of the services' pools: exporters, backups, an operator's psql.</summary>
    public int ReservedConnections { get; set; } = 10;

    /// <summary>A quarter of the memory limit, the usual starting point.</summary>
    public string SharedBuffers { get; set; } = "512MB";
}

internal sealed class RedisSettings : ResourceSettings
{
    public RedisSettings()
    {
        Cpus = "1.0";
        Memory = "3G";
        ReservedCpus = "0.5";
        ReservedMemory = "1G";
    }

    /// <summary>What Redis may hold before it evicts; the container limit above leaves room for the snapshot fork.</summary>
    public string MaxMemory { get; set; } = "2G";

    /// <summary>
    /// Redis also holds the access-token denylist and the rate-limit counters, which must never be evicted (an evicted
    /// denylist entry would let a revoked token back in), so a full Redis refuses writes instead: the rate limiter and
    /// logout then fail closed, cache writes are skipped, and every cache entry expires on its own.
    /// </summary>
    public string MaxMemoryPolicy { get; set; } = "noeviction";

    public override void Validate(string key)
    {
        base.Validate(key);
        if (Quantity.Mebibytes(MaxMemory, $"{key}:MaxMemory") >= Quantity.Mebibytes(Memory, $"{key}:Memory"))
        {
            throw DeploymentSettings.Invalid($"{key}:MaxMemory", $"({MaxMemory}) must stay below the container limit {Memory}");
        }
    }
}

internal sealed class GraphSettings : ResourceSettings
{
    private const int OverheadMebibytes = 1024;

    public GraphSettings()
    {
        Cpus = "2.0";
        Memory = "6G";
        ReservedCpus = "1.0";
        ReservedMemory = "4G";
    }

    public string HeapInitial { get; set; } = "2G";

    public string HeapMax { get; set; } = "4G";

    public string PageCache { get; set; } = "1G";

    /// <summary>The design document's rule: heap + page cache + 1 GB overhead must fit the container.</summary>
    public override void Validate(string key)
    {
        base.Validate(key);
        var needed = Quantity.Mebibytes(HeapMax, $"{key}:HeapMax") + Quantity.Mebibytes(PageCache, $"{key}:PageCache") + OverheadMebibytes;
        if (needed > Quantity.Mebibytes(Memory, $"{key}:Memory"))
        {
            throw DeploymentSettings.Invalid($"{key}:Memory", $"({Memory}) is less than heap {HeapMax} + page cache {PageCache} + 1G overhead");
        }
    }
}

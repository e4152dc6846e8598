namespace MarketResearch.AppHost.Publishing.Compose;

/// <summary>The pieces every compose service is made of, so each service definition reads as what is special about it.</summary>
internal static class ComposeParts
{
    public const string EdgeNetwork = "edge";
    public const string DataNetwork = "data";
    public const string MonitoringNetwork = "monitoring";

    public static YamlMap Resources(ResourceSettings resources) => new()
    {
        ["resources"] = new YamlMap
        {
            ["limits"] = new YamlMap { ["cpus"] = resources.Cpus, ["memory"] = resources.Memory },
            ["reservations"] = new YamlMap { ["cpus"] = resources.ReservedCpus, ["memory"] = resources.ReservedMemory },
        },
    };

    public static YamlMap Healthcheck(IReadOnlyList<string> test, string interval = "15s", string timeout = "5s", int retries = 5, string startPeriod = "30s") => new()
    {
        ["test"] = test.ToList(),
        ["interval"] = interval,
        ["timeout"] = timeout,
        ["retries"] = retries,
        ["start_period"] = startPeriod,
    };

    /// <summary>A GET that must answer 2xx, for images that ship busybox or alpine's wget.</summary>
    public static YamlMap HttpHealthcheck(string url) => Healthcheck(["CMD", "wget", "-q", "-O", "/dev/null", url]);

    /// <summary>Bounded local logs: a busy service must not fill the host's disk.</summary>
    public static YamlMap Logging() => new()
    {
        ["driver"] = "json-file",
        ["options"] = new YamlMap { ["max-size"] = "10m", ["max-file"] = "5" },
    };

    public static YamlMap Healthy(IEnumerable<string> services) => DependsOn(services, "service_healthy");

    public static YamlMap DependsOn(IEnumerable<string> services, string condition)
    {
        var map = new YamlMap();
        foreach (var service in services)
        {
            map[service] = new YamlMap { ["condition"] = condition };
        }

        return map;
    }

    /// <summary>A long-running container: restarted unless an operator stopped it, sized, with bounded logs.</summary>
    public static YamlMap LongRunning(string image, ResourceSettings resources, IReadOnlyList<string> networks)
    {
        return new YamlMap
        {
            ["image"] = image,
            ["restart"] = "unless-stopped",
            ["networks"] = networks.ToList(),
            ["deploy"] = Resources(resources),
            ["logging"] = Logging(),
        };
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace MarketResearch.AppHost.Publishing;

/// <summary>
/// Sizes and names the published deployment uses. Defaults come from the DevOps design document (resource
/// management and pre-deploy checklist); override any of them with <c>Deployment:*</c> AppHost configuration.
/// </summary>
internal sealed class DeploymentSettings
{
    public const string SectionName = "Deployment";

    public ServiceSettings Api { get; set; } = new() { Cpus = "2.0", Memory = "2G", ReservedCpus = "1.0", ReservedMemory = "1G", PostgresPoolSize = 30, MinReplicas = 2, MaxReplicas = 10, PublicPath = "/api" };

    public ServiceSettings Worker { get; set; } = new() { Cpus = "1.0", Memory = "1G", ReservedCpus = "0.5", ReservedMemory = "512M", PostgresPoolSize = 20, MinReplicas = 2, MaxReplicas = 8 };

    public ServiceSettings Web { get; set; } = new() { Cpus = "1.0", Memory = "1G", ReservedCpus = "0.25", ReservedMemory = "256M", PostgresPoolSize = 0, MinReplicas = 2, MaxReplicas = 6, PublicPath = "/" };

    public ServiceSettings Migrations { get; set; } = new() { Cpus = "0.5", Memory = "512M", ReservedCpus = "0.25", ReservedMemory = "256M", PostgresPoolSize = 5, MinReplicas = 1, MaxReplicas = 1 };

    public PostgresSettings Postgres { get; set; } = new();

    public RedisSettings Redis { get; set; } = new();

    public GraphSettings Graph { get; set; } = new();

    public SupportSettings Support { get; set; } = new();

    public KubernetesSettings Kubernetes { get; set; } = new();

    public ServiceSettings ForService(string name) => name switch
    {
        "api" => Api,
        "worker" => Worker,
        "web" => Web,
        "migrations" => Migrations,
        _ => throw new DistributedApplicationException(
            $"The AppHost has a service '{name}' that {SectionName} settings do not size: add it to {nameof(DeploymentSettings)}."),
    };

    /// <summary>Refuses settings that would deploy a system that cannot work (too few connections, memory that cannot fit).</summary>
    public void Validate(IEnumerable<string> serviceNames)
    {
        var services = serviceNames.Select(name => (name, settings: ForService(name))).ToList();
        foreach (var (name, settings) in services)
        {
            settings.Validate($"{SectionName}:{name}");
        }

        Postgres.Validate($"{SectionName}:Postgres");
        Redis.Validate($"{SectionName}:Redis");
        Graph.Validate($"{SectionName}:Graph");

        // Compose runs each service at its Replicas count; every replica opens up to its pool size.
        var pooled = services.Sum(service => service.settings.PostgresPoolSize * service.settings.Replicas);
        if (pooled + Postgres.ReservedConnections > Postgres.MaxConnections)
        {
            throw Invalid($"{SectionName}:Postgres:MaxConnections",
                $"is {Postgres.MaxConnections}, but the services' pools need {pooled} plus {Postgres.ReservedConnections} reserved for exporters and operators");
        }

        // On Kubernetes every replica the autoscalers may start opens its own pool on the managed server.
        var scaledOut = services.Sum(service => service.settings.PostgresPoolSize * service.settings.MaxReplicas);
        if (scaledOut + Postgres.ReservedConnections > Kubernetes.DatabaseMaxConnections)
        {
            throw Invalid($"{SectionName}:Kubernetes:DatabaseMaxConnections",
                $"is {Kubernetes.DatabaseMaxConnections}, but at their maximum replicas the services' pools need {scaledOut} plus {Postgres.ReservedConnections} reserved");
        }
    }

    internal static DistributedApplicationException Invalid(string key, string problem) =>
        new($"Deployment setting {key} {problem}.");
}

/// <summary>CPU and memory for one container: limits it may not exceed and reservations it is guaranteed.</summary>
internal class ResourceSettings
{
    /// <summary>CPUs as a decimal ("0.5", "2.0").</summary>
    public string Cpus { get; set; } = "0.5";

    /// <summary>Memory with a unit, M or G ("512M", "2G").</summary>
    public string Memory { get; set; } = "256M";

    public string ReservedCpus { get; set; } = "0.1";

    public string ReservedMemory { get; set; } = "64M";

    public virtual void Validate(string key)
    {
        if (Quantity.Millicores(ReservedCpus, $"{key}:ReservedCpus") > Quantity.Millicores(Cpus, $"{key}:Cpus"))
        {
            throw DeploymentSettings.Invalid($"{key}:ReservedCpus", $"({ReservedCpus}) is more than the limit {Cpus}");
        }

        if (Quantity.Mebibytes(ReservedMemory, $"{key}:ReservedMemory") > Quantity.Mebibytes(Memory, $"{key}:Memory"))
        {
            throw DeploymentSettings.Invalid($"{key}:ReservedMemory", $"({ReservedMemory}) is more than the limit {Memory}");
        }
    }
}

internal sealed class ServiceSettings : ResourceSettings
{
    /// <summary>Npgsql Maximum Pool Size per replica; 0 for a service that does not use Postgres.</summary>
    public int PostgresPoolSize { get; set; }

    /// <summary>Replicas in compose (one host: scale with `docker compose up --scale`).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Kubernetes HorizontalPodAutoscaler bounds.</summary>
    public int MinReplicas { get; set; } = 2;

    public int MaxReplicas { get; set; } = 10;

    public int TargetCpuUtilization { get; set; } = 70;

    /// <summary>Where the reverse proxy and the Ingress route a service the AppHost marks external ("/" for the web app).</summary>
    public string? PublicPath { get; set; }

    public override void Validate(string key)
    {
        base.Validate(key);
        if (MinReplicas < 1 || MaxReplicas < MinReplicas)
        {
            throw DeploymentSettings.Invalid($"{key}:MaxReplicas", $"({MaxReplicas}) must be at least MinReplicas ({MinReplicas}), which must be at least 1");
        }
    }
}

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

    /// <summary>Redis holds only what can be lost or rebuilt, so least-recently-used keys go first.</summary>
    public string MaxMemoryPolicy { get; set; } = "allkeys-lru";

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

/// <summary>The containers around the system in compose: reverse proxy, monitoring, exporters, health probes.</summary>
internal sealed class SupportSettings
{
    public string ProxyImage { get; set; } = "caddy:2.10-alpine";

    public string PrometheusImage { get; set; } = "prom/prometheus:v2.55.1";

    public string AlertmanagerImage { get; set; } = "prom/alertmanager:v0.28.1";

    public string GrafanaImage { get; set; } = "grafana/grafana:11.6.0";

    public string PostgresExporterImage { get; set; } = "prometheuscommunity/postgres-exporter:v0.17.1";

    public string RedisExporterImage { get; set; } = "oliver006/redis_exporter:v1.74.0-alpine";

    public string ProbeImage { get; set; } = "busybox:1.37";

    public ResourceSettings Proxy { get; set; } = new() { Cpus = "0.5", Memory = "256M", ReservedCpus = "0.1", ReservedMemory = "64M" };

    public ResourceSettings Prometheus { get; set; } = new() { Cpus = "1.0", Memory = "1G", ReservedCpus = "0.25", ReservedMemory = "512M" };

    public ResourceSettings Alertmanager { get; set; } = new() { Cpus = "0.25", Memory = "128M", ReservedCpus = "0.05", ReservedMemory = "32M" };

    public ResourceSettings Grafana { get; set; } = new() { Cpus = "0.5", Memory = "512M", ReservedCpus = "0.1", ReservedMemory = "128M" };

    public ResourceSettings Exporter { get; set; } = new() { Cpus = "0.25", Memory = "128M", ReservedCpus = "0.05", ReservedMemory = "32M" };

    public ResourceSettings Probe { get; set; } = new() { Cpus = "0.05", Memory = "16M", ReservedCpus = "0.01", ReservedMemory = "8M" };
}

internal sealed class KubernetesSettings
{
    public string IngressClass { get; set; } = "nginx";

    public string ClusterIssuer { get; set; } = "letsencrypt-prod";

    /// <summary>Namespaces whose pods may reach ours: the ingress controller's and Prometheus's.</summary>
    public string IngressControllerNamespace { get; set; } = "ingress-nginx";

    public string MonitoringNamespace { get; set; } = "monitoring";

    /// <summary>Where the managed Postgres, Redis and Neo4j live; egress to their ports is allowed only there.</summary>
    public string DataStoreCidr { get; set; } = "10.0.0.0/8";

    /// <summary>Services that call HTTPS endpoints on the internet (the LLM provider), comma-separated.</summary>
    public string ExternalHttpsEgress { get; set; } = "api,worker";

    public bool CallsInternet(string service) =>
        ExternalHttpsEgress.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(service);

    /// <summary>max_connections of the managed Postgres: the autoscalers' maximum replicas times the pools must fit.</summary>
    public int DatabaseMaxConnections { get; set; } = 500;

    /// <summary>Daily, as the design document's RPO of 24 hours asks.</summary>
    public string BackupSchedule { get; set; } = "0 2 * * *";

    public string BackupImage { get; set; } = "marketresearch/backup";

    public OverlaySettings Staging { get; set; } = new() { Namespace = "marketresearch-staging", Host = "staging.marketresearch.example.com", MinReplicas = 1, MaxReplicas = 3 };

    public OverlaySettings Production { get; set; } = new() { Namespace = "marketresearch", Host = "marketresearch.example.com" };
}

internal sealed class OverlaySettings
{
    public string Namespace { get; set; } = "marketresearch";

    public string Host { get; set; } = "marketresearch.example.com";

    /// <summary>The release every image of the overlay runs; CI replaces it with `kustomize edit set image`.</summary>
    public string ImageTag { get; set; } = "latest";

    /// <summary>Replaces every HPA's bounds when set (a smaller staging); unset keeps each service's own.</summary>
    public int? MinReplicas { get; set; }

    public int? MaxReplicas { get; set; }
}

/// <summary>Converts the settings' CPU and memory notation into what compose and Kubernetes expect.</summary>
internal static partial class Quantity
{
    public static int Millicores(string cpus, string key) =>
        decimal.TryParse(cpus, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0
            ? (int)Math.Round(value * 1000)
            : throw DeploymentSettings.Invalid(key, $"is '{cpus}'; use a positive decimal number of CPUs such as 0.5");

    public static int Mebibytes(string memory, string key)
    {
        var match = MemoryPattern().Match(memory);
        if (!match.Success)
        {
            throw DeploymentSettings.Invalid(key, $"is '{memory}'; use a whole number with M or G, such as 512M or 2G");
        }

        var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value == "G" ? amount * 1024 : amount;
    }

    /// <summary>Kubernetes CPU quantity in millicores ("500m").</summary>
    public static string KubernetesCpu(string cpus) => $"{Millicores(cpus, "cpus")}m";

    /// <summary>Kubernetes memory in binary units ("512Mi", "2Gi").</summary>
    public static string KubernetesMemory(string memory)
    {
        Mebibytes(memory, "memory");
        return memory + "i";
    }

    [GeneratedRegex("^(?<amount>[1-9][0-9]*)(?<unit>[MG])$")]
    private static partial Regex MemoryPattern();
}

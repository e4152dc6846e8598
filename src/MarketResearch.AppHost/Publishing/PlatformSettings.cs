namespace MarketResearch.AppHost.Publishing;

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

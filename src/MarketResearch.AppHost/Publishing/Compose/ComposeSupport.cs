using static MarketResearch.AppHost.Publishing.Compose.ComposeParts;

namespace MarketResearch.AppHost.Publishing.Compose;

/// <summary>What surrounds the system in compose: the TLS-terminating proxy, Prometheus, Alertmanager, Grafana, exporters.</summary>
internal static class ComposeSupport
{
    /// <summary>deploy/monitoring, seen from deploy/generated/compose where the compose file lives.</summary>
    private const string Monitoring = "../../monitoring";

    public const string ProxyName = "proxy";

    public static IEnumerable<(string Name, YamlMap Service)> Services(DeploymentModel model, ComposeVariables variables)
    {
        var support = model.Settings.Support;
        yield return (ProxyName, Proxy(model, variables));
        yield return ("prometheus", Prometheus(support));
        yield return ("alertmanager", Alertmanager(support));
        yield return ("grafana", Grafana(support, variables));

        if (model.DataStores.FirstOrDefault(store => store.Kind == DataStoreKind.Postgres) is { } postgres)
        {
            yield return ("postgres-exporter", PostgresExporter(postgres, support, variables));
        }

        if (model.DataStores.FirstOrDefault(store => store.Kind == DataStoreKind.Redis) is { } redis)
        {
            yield return ("redis-exporter", RedisExporter(redis, support, variables));
        }
    }

    /// <summary>The only container with published ports: Caddy terminates TLS with the mounted certificate.</summary>
    private static YamlMap Proxy(DeploymentModel model, ComposeVariables variables)
    {
        var proxy = LongRunning(model.Settings.Support.ProxyImage, model.Settings.Support.Proxy, [EdgeNetwork]);
        proxy["ports"] = new List<string> { "80:80", "443:443", "443:443/udp" };
        proxy["environment"] = new YamlMap
        {
            ["PUBLIC_HOST"] = variables.Require("PUBLIC_HOST", "Public address", "The host name users reach (e.g. research.example.com); the certificate in certs/ must cover it."),
        };
        proxy["volumes"] = new List<string>
        {
            "./Caddyfile:/etc/caddy/Caddyfile:ro",
            "./certs:/etc/caddy/certs:ro",
            "caddy-data:/data",
        };
        proxy["healthcheck"] = HttpHealthcheck("http://localhost:2019/config/");
        var upstreams = model.LongRunning.Where(service => service.IsPublic).Select(service => ComposeServices.ProbeName(service.Name));
        // Not Grafana: the site must come up even when the dashboards do not (Caddy answers 502 under /grafana/).
        proxy["depends_on"] = Healthy(upstreams);
        return proxy;
    }

    private static YamlMap Prometheus(SupportSettings support)
    {
        var prometheus = LongRunning(support.PrometheusImage, support.Prometheus, [MonitoringNetwork]);
        prometheus["command"] = new List<string>
        {
            "--config.file=/etc/prometheus/prometheus.yml",
            "--storage.tsdb.path=/prometheus",
            "--storage.tsdb.retention.time=15d",
        };
        prometheus["volumes"] = new List<string>
        {
            $"{Monitoring}/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
            $"{Monitoring}/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro",
            "prometheus-data:/prometheus",
        };
        prometheus["healthcheck"] = HttpHealthcheck("http://localhost:9090/-/ready");
        return prometheus;
    }

    private static YamlMap Alertmanager(SupportSettings support)
    {
        // The edge network too: Slack and the paging bridge are outside.
        var alertmanager = LongRunning(support.AlertmanagerImage, support.Alertmanager, [MonitoringNetwork, EdgeNetwork]);
        alertmanager["command"] = new List<string> { "--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager" };
        alertmanager["volumes"] = new List<string>
        {
            $"{Monitoring}/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro",
            "alertmanager-data:/alertmanager",
        };
        alertmanager["secrets"] = new List<object>
        {
            new YamlMap { ["source"] = "slack-webhook-url", ["target"] = "/etc/alertmanager/secrets/slack-webhook-url" },
            new YamlMap { ["source"] = "on-call-webhook-token", ["target"] = "/etc/alertmanager/secrets/on-call-webhook-token" },
        };
        alertmanager["healthcheck"] = HttpHealthcheck("http://localhost:9093/-/ready");
        return alertmanager;
    }

    private static YamlMap Grafana(SupportSettings support, ComposeVariables variables)
    {
        var grafana = LongRunning(support.GrafanaImage, support.Grafana, [MonitoringNetwork, EdgeNetwork]);
        grafana["environment"] = new YamlMap
        {
            ["GF_SECURITY_ADMIN_PASSWORD"] = variables.Require("GRAFANA_ADMIN_PASSWORD", "Secrets", "Password of Grafana's admin user."),
            // Served by the proxy under /grafana/ on the public host.
            ["GF_SERVER_ROOT_URL"] = $"https://{variables.Require("PUBLIC_HOST", "Public address", "")}/grafana/",
            ["GF_SERVER_SERVE_FROM_SUB_PATH"] = "true",
            ["GF_USERS_ALLOW_SIGN_UP"] = "false",
            ["GF_ANALYTICS_REPORTING_ENABLED"] = "false",
        };
        grafana["volumes"] = new List<string>
        {
            $"{Monitoring}/grafana/provisioning/datasources:/etc/grafana/provisioning/datasources:ro",
            $"{Monitoring}/grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro",
            $"{Monitoring}/grafana/dashboards:/var/lib/grafana/dashboards:ro",
            "grafana-data:/var/lib/grafana",
        };
        grafana["healthcheck"] = HttpHealthcheck("http://localhost:3000/api/health");
        grafana["depends_on"] = Healthy(["prometheus"]);
        return grafana;
    }

    private static YamlMap PostgresExporter(DataStore postgres, SupportSettings support, ComposeVariables variables)
    {
        var exporter = LongRunning(support.PostgresExporterImage, support.Exporter, [DataNetwork, MonitoringNetwork]);
        var password = postgres.Environment.Single(variable => variable.Name == "POSTGRES_PASSWORD").Value;
        exporter["environment"] = new YamlMap
        {
            ["DATA_SOURCE_URI"] = $"{postgres.Name}:{postgres.Ports[0]}/postgres?sslmode=disable",
            ["DATA_SOURCE_USER"] = "postgres",
            ["DATA_SOURCE_PASS"] = password is SecretValue secret ? variables.Secret(secret.Secret) : throw new DistributedApplicationException("POSTGRES_PASSWORD is not a secret."),
        };
        exporter["healthcheck"] = HttpHealthcheck("http://localhost:9187/metrics");
        exporter["depends_on"] = Healthy([postgres.Name]);
        return exporter;
    }

    private static YamlMap RedisExporter(DataStore redis, SupportSettings support, ComposeVariables variables)
    {
        var exporter = LongRunning(support.RedisExporterImage, support.Exporter, [DataNetwork, MonitoringNetwork]);
        var password = redis.Environment.Single(variable => variable.Name == "REDIS_PASSWORD").Value;
        exporter["environment"] = new YamlMap
        {
            ["REDIS_ADDR"] = $"redis://{redis.Name}:{redis.Ports[0]}",
            ["REDIS_PASSWORD"] = password is SecretValue secret ? variables.Secret(secret.Secret) : throw new DistributedApplicationException("REDIS_PASSWORD is not a secret."),
        };
        exporter["healthcheck"] = HttpHealthcheck("http://localhost:9121/metrics");
        exporter["depends_on"] = Healthy([redis.Name]);
        return exporter;
    }
}

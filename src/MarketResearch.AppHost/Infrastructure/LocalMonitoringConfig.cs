using MarketResearch.AppHost.Publishing;

namespace MarketResearch.AppHost.Infrastructure;

/// <summary>A Prometheus scrape job: the job name alerts and dashboards select on, and host:port of its /metrics.</summary>
internal sealed record ScrapeTarget(string Job, string Address);

/// <summary>The configuration files of local monitoring, written into the state folder when each program starts.</summary>
internal static class LocalMonitoringConfig
{
    private const string Header = "Written by the AppHost at each start (local monitoring); edits are overwritten.\n"
        + "Deployments use deploy/monitoring/prometheus/prometheus.yml instead.\n";

    public static string Prometheus(string scrapeInterval, IReadOnlyList<ScrapeTarget> targets, string? alertmanager, IReadOnlyList<string> ruleFiles)
    {
        var config = new YamlMap
        {
            ["global"] = new YamlMap
            {
                ["scrape_interval"] = scrapeInterval,
                ["evaluation_interval"] = scrapeInterval,
                ["external_labels"] = new YamlMap { ["system"] = "marketresearch", ["environment"] = "local" },
            },
            ["rule_files"] = ruleFiles,
        };
        if (alertmanager is not null)
        {
            config["alerting"] = new YamlMap
            {
                ["alertmanagers"] = new[] { new YamlMap { ["static_configs"] = new[] { new YamlMap { ["targets"] = new[] { alertmanager } } } } },
            };
        }

        config["scrape_configs"] = targets.Select(target => new YamlMap
        {
            ["job_name"] = target.Job,
            ["metrics_path"] = "/metrics",
            ["static_configs"] = new[] { new YamlMap { ["targets"] = new[] { target.Address } } },
        }).ToList();

        return YamlOutput.Header(Header) + YamlOutput.Serialize(config);
    }

    /// <summary>Alerts show in Alertmanager's own UI and go nowhere else: a developer's run pages nobody.</summary>
    public static string Alertmanager() => YamlOutput.Header(Header.Replace("prometheus/prometheus.yml", "alertmanager/alertmanager.yml", StringComparison.Ordinal))
        + YamlOutput.Serialize(new YamlMap
        {
            ["route"] = new YamlMap
            {
                ["receiver"] = "local",
                ["group_by"] = new[] { "alertname", "job" },
                ["group_wait"] = "10s",
                ["group_interval"] = "1m",
                ["repeat_interval"] = "4h",
            },
            ["receivers"] = new[] { new YamlMap { ["name"] = "local" } },
        });
}

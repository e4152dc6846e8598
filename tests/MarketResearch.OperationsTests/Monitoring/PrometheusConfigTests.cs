using MarketResearch.OperationsTests.Infrastructure;

namespace MarketResearch.OperationsTests.Monitoring;

public sealed class PrometheusConfigTests
{
    [Fact]
    public async Task The_configuration_passes_promtool_check_config()
    {
        var result = await CommandLineTool.Promtool.RunAsync(Repository.Monitoring("prometheus"), "check", "config", "prometheus.yml");

        result.AssertSucceeded();
    }

    [Theory]
    [InlineData("api", "/metrics")]
    [InlineData("worker", "/metrics")]
    [InlineData("web", "/metrics")]
    [InlineData("postgres-exporter", null)]
    [InlineData("redis-exporter", null)]
    public void Every_service_and_exporter_is_scraped_under_the_job_name_alerts_select_on(string job, string? metricsPath)
    {
        var config = RuleFiles.Deserialize<PrometheusConfig>(Repository.Monitoring("prometheus", "prometheus.yml"));

        var scrape = Assert.Single(config.ScrapeConfigs, scrape => scrape.JobName == job);
        Assert.Equal(metricsPath, scrape.MetricsPath);
        Assert.NotEmpty(scrape.StaticConfigs.SelectMany(targets => targets.Targets));
    }

    [Fact]
    public void The_alert_rules_are_loaded()
    {
        var config = RuleFiles.Deserialize<PrometheusConfig>(Repository.Monitoring("prometheus", "prometheus.yml"));

        Assert.Contains("alerts.yml", config.RuleFiles);
    }
}

internal sealed class PrometheusConfig
{
    public List<string> RuleFiles { get; set; } = [];

    public List<ScrapeConfig> ScrapeConfigs { get; set; } = [];
}

internal sealed class ScrapeConfig
{
    public string JobName { get; set; } = "";

    public string? MetricsPath { get; set; }

    public List<StaticConfig> StaticConfigs { get; set; } = [];
}

internal sealed class StaticConfig
{
    public List<string> Targets { get; set; } = [];
}

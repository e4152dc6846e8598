namespace MarketResearch.AppHost.Infrastructure;

/// <summary>Local Prometheus and Alertmanager (section <c>Monitoring</c>); deployments use deploy/monitoring instead.</summary>
internal sealed class LocalMonitoringSettings
{
    public const string SectionName = "Monitoring";

    /// <summary>Run Prometheus, Alertmanager and the exporters when their OS packages are installed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Stable dashboard links for ./run.sh; tests randomise them. Not 9090/9093: the Debian packages' own services may hold those.</summary>
    public int PrometheusPort { get; set; } = 15090;

    public int AlertmanagerPort { get; set; } = 15093;

    /// <summary>Short, so a developer sees a change within seconds (production scrapes every 15 s).</summary>
    public string ScrapeInterval { get; set; } = "5s";

    /// <summary>How long local samples are kept in the state folder.</summary>
    public string Retention { get; set; } = "3d";

    public static LocalMonitoringSettings From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<LocalMonitoringSettings>() ?? new LocalMonitoringSettings();
}

/// <summary>The monitoring programs of the Debian/Ubuntu packages, where installed.</summary>
internal sealed record MonitoringPrograms(string? Prometheus, string? Alertmanager, string? PostgresExporter, string? RedisExporter)
{
    public static MonitoringPrograms Find() => new(
        LocalPrograms.Find("prometheus"),
        LocalPrograms.Find("prometheus-alertmanager") ?? LocalPrograms.Find("alertmanager"),
        LocalPrograms.Find("prometheus-postgres-exporter") ?? LocalPrograms.Find("postgres_exporter"),
        LocalPrograms.Find("prometheus-redis-exporter") ?? LocalPrograms.Find("redis_exporter"));
}

internal static class LocalPrograms
{
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// The AppHost's local Prometheus (OS package) really scrapes every service of the running stack, evaluates the
/// alert rules of deploy/monitoring and delivers to the local Alertmanager.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed partial class LocalMonitoringTests(LocalStackFixture stack)
{
    /// <summary>Start, the first scrapes (every 5 s locally) and a busy 2-core machine fit well inside this.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    public static TheoryData<string> Services => new(LocalStackFixture.Services);

    [PrometheusTheory]
    [MemberData(nameof(Services))]
    public async Task Prometheus_scrapes_the_service_and_finds_it_up(string service)
    {
        using var prometheus = await ClientAsync("prometheus");

        var series = await EventuallyAsync(
            () => QueryAsync(prometheus, $"up{{job=\"{service}\"}} == 1"),
            result => result.GetArrayLength() > 0,
            $"up{{job=\"{service}\"}} == 1");

        // The scraped address is the service's endpoint of this run, not a fixed port from a config file.
        var endpoint = stack.App.GetEndpoint(service, "http");
        Assert.Equal($"{endpoint.Host}:{endpoint.Port}", series[0].GetProperty("metric").GetProperty("instance").GetString());
    }

    [ExportersFact]
    public async Task Prometheus_watches_postgres_and_redis_through_their_exporters()
    {
        using var prometheus = await ClientAsync("prometheus");

        foreach (var query in new[] { "pg_up == 1", "redis_up == 1" })
        {
            await EventuallyAsync(() => QueryAsync(prometheus, query), result => result.GetArrayLength() == 1, query);
        }
    }

    [PrometheusFact]
    public async Task Prometheus_evaluates_every_alert_rule_of_deploy_monitoring()
    {
        using var prometheus = await ClientAsync("prometheus");
        var expected = AlertName().Matches(await File.ReadAllTextAsync(RepositoryFile("deploy", "monitoring", "prometheus", "alerts.yml")))
            .Select(match => match.Groups["name"].Value).Order().ToList();

        using var rules = JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/rules?type=alert"));
        var loaded = rules.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .Select(rule => rule.GetProperty("name").GetString()!).Order().ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, loaded);
    }

    [PrometheusFact]
    public async Task Prometheus_sends_alerts_to_the_local_alertmanager_which_is_ready()
    {
        using var prometheus = await ClientAsync("prometheus");
        using var alertmanager = await ClientAsync("alertmanager");

        var active = await EventuallyAsync(
            async () => JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/alertmanagers")).RootElement.GetProperty("data").GetProperty("activeAlertmanagers").Clone(),
            managers => managers.GetArrayLength() == 1,
            "one active Alertmanager");
        var address = new Uri(active[0].GetProperty("url").GetString()!);

        Assert.Equal(alertmanager.BaseAddress!.Port, address.Port);
        Assert.Equal(HttpStatusCode.OK, (await alertmanager.GetAsync("/-/ready")).StatusCode);
    }

    [PrometheusFact]
    public async Task The_generated_configuration_passes_promtool()
    {
        using var prometheus = await ClientAsync("prometheus");
        using var flags = JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/status/flags"));
        var configFile = flags.RootElement.GetProperty("data").GetProperty("config.file").GetString()!;

        using var promtool = Process.Start(new ProcessStartInfo("promtool", ["check", "config", configFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        Assert.True(promtool.ExitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(Bound);
        await stack.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        return stack.App.CreateHttpClient(resource, "http");
    }

    private static async Task<JsonElement> QueryAsync(HttpClient prometheus, string query)
    {
        using var answer = JsonDocument.Parse(await prometheus.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}"));
        return answer.RootElement.GetProperty("data").GetProperty("result").Clone();
    }

    /// <summary>Polls until the condition holds or the bound passes; the failure says what was last seen.</summary>
    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        var latest = await read();
        while (!condition(latest))
        {
            Assert.True(deadline.Elapsed < Bound, $"No {what} within {Bound}; last answer: {latest}");
            await Task.Delay(TimeSpan.FromSeconds(1));
            latest = await read();
        }

        return latest;
    }

    private static string RepositoryFile(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MarketResearch.sln")))
            {
                return Path.Combine([directory.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("Not inside the repository.");
    }

    [GeneratedRegex(@"^\s*- alert:\s*(?<name>\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertName();
}

/// <summary>Needs the prometheus package; the AppHost runs without local monitoring where it is missing.</summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        Skip = PrometheusPackage.SkipReason;
    }
}

/// <summary>Also needs the Debian exporter packages, which local mode runs when they are installed.</summary>
public sealed class ExportersFactAttribute : FactAttribute
{
    public ExportersFactAttribute()
    {
        Skip = PrometheusPackage.SkipReason
            ?? (Environment.GetEnvironmentVariable("Infrastructure__Mode") == "containers" ? "The exporters run in local infrastructure mode only." : null)
            ?? (PrometheusPackage.Installed("prometheus-postgres-exporter") && PrometheusPackage.Installed("prometheus-redis-exporter")
                ? null
                : "prometheus-postgres-exporter and prometheus-redis-exporter are not installed (optional for local monitoring).");
    }
}

public sealed class PrometheusTheoryAttribute : TheoryAttribute
{
    public PrometheusTheoryAttribute()
    {
        Skip = PrometheusPackage.SkipReason;
    }
}

internal static class PrometheusPackage
{
    public static string? SkipReason { get; } =
        Installed("prometheus") && Installed("promtool") && Installed("prometheus-alertmanager")
            ? null
            : "prometheus, promtool and prometheus-alertmanager are not installed (scripts/install-prerequisites.sh installs them), so the AppHost runs no local Prometheus.";

    public static bool Installed(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}

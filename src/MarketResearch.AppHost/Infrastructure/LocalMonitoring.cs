using Microsoft.Extensions.Logging;

namespace MarketResearch.AppHost.Infrastructure;

/// <summary>
/// Prometheus and Alertmanager from the OS packages (and the Postgres and Redis exporters in local mode), scraping
/// this run's services with the alert rules of deploy/monitoring, so a developer sees real scrapes and alerts.
/// Each is skipped, with a log line, when its package is not installed; publishing leaves them out.
/// </summary>
internal static partial class LocalMonitoring
{
    public const string PrometheusName = "prometheus";
    public const string AlertmanagerName = "alertmanager";
    public const string PostgresExporterName = "postgres-exporter";
    public const string RedisExporterName = "redis-exporter";
    private const string ReadyPath = "/-/ready";
    private const string PortVariable = "MR_PORT";
    private const string ListenAddress = "127.0.0.1:{port}";
    private const string ServiceEndpointName = "http";

    public static IDistributedApplicationBuilder AddLocalMonitoring(this IDistributedApplicationBuilder builder, ResearchInfrastructure infrastructure)
    {
        var settings = LocalMonitoringSettings.From(builder.Configuration);
        if (builder.ExecutionContext.IsPublishMode || !settings.Enabled)
        {
            return builder;
        }

        var programs = MonitoringPrograms.Find();
        if (programs.Prometheus is null)
        {
            LogAtStart(builder, logger => LogNotInstalled(logger, "Prometheus", "prometheus"));
            return builder;
        }

        var context = new MonitoringContext(
            builder,
            settings,
            Path.Combine(LocalStateDirectory.Resolve(builder), "monitoring"),
            Path.Combine(builder.AppHostDirectory, "Local", "run-monitoring.sh"));

        var alertmanager = programs.Alertmanager is { } alertmanagerProgram ? context.AddAlertmanager(alertmanagerProgram) : null;
        if (alertmanager is null)
        {
            LogAtStart(builder, logger => LogNotInstalled(logger, "Alertmanager", "prometheus-alertmanager"));
        }

        var exporters = context.AddExporters(infrastructure, programs);
        context.AddPrometheus(programs.Prometheus, alertmanager, exporters);
        return builder;
    }

    private sealed record MonitoringContext(IDistributedApplicationBuilder Builder, LocalMonitoringSettings Settings, string StateFolder, string Script)
    {
        public IResourceBuilder<ExecutableResource> AddProgram(string name, string folder, string program, int? port, params string[] arguments)
        {
            var workingDirectory = Path.Combine(StateFolder, folder);
            Directory.CreateDirectory(workingDirectory);
            return Builder.AddExecutable(name, "/bin/bash", workingDirectory, [Script, program, .. arguments])
                .WithHttpEndpoint(port: port, env: PortVariable);
        }

        public IResourceBuilder<ExecutableResource> AddAlertmanager(string program)
        {
            var directory = Path.Combine(StateFolder, AlertmanagerName);
            var configFile = Path.Combine(directory, "alertmanager.yml");
            var alertmanager = AddProgram(AlertmanagerName, AlertmanagerName, program, Settings.AlertmanagerPort,
                    $"--config.file={configFile}",
                    $"--storage.path={Path.Combine(directory, "data")}",
                    $"--web.listen-address={ListenAddress}",
                    // No gossip port: several stacks (tests, other checkouts) run side by side on one machine.
                    "--cluster.listen-address=")
                .WithHttpHealthCheck(ReadyPath)
                .WithUrlForEndpoint(ServiceEndpointName, url => url.DisplayText = "Alertmanager: firing alerts");
            Builder.Eventing.Subscribe<BeforeResourceStartedEvent>(alertmanager.Resource, (_, cancellationToken) =>
                Publishing.YamlOutput.WriteTextAsync(configFile, LocalMonitoringConfig.Alertmanager(), cancellationToken));
            return alertmanager;
        }

        public void AddPrometheus(string program, IResourceBuilder<ExecutableResource>? alertmanager, IReadOnlyList<ScrapedResource> exporters)
        {
            var directory = Path.Combine(StateFolder, PrometheusName);
            var configFile = Path.Combine(directory, "prometheus.yml");
            var prometheus = AddProgram(PrometheusName, PrometheusName, program, Settings.PrometheusPort,
                    $"--config.file={configFile}",
                    $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                    $"--storage.tsdb.retention.time={Settings.Retention}",
                    $"--web.listen-address={ListenAddress}")
                .WithHttpHealthCheck(ReadyPath)
                .WithUrls(urls =>
                {
                    if (urls.Urls.FirstOrDefault(url => url.Endpoint?.EndpointName == ServiceEndpointName) is { } root)
                    {
                        root.DisplayText = "Prometheus: queries";
                        urls.Urls.Add(new ResourceUrlAnnotation { Url = root.Url + "/targets", DisplayText = "Prometheus: scrape targets", Endpoint = root.Endpoint });
                        urls.Urls.Add(new ResourceUrlAnnotation { Url = root.Url + "/alerts", DisplayText = "Prometheus: alert rules", Endpoint = root.Endpoint });
                    }
                });

            var ruleFile = Path.GetFullPath(Path.Combine(Builder.AppHostDirectory, "..", "..", "deploy", "monitoring", "prometheus", "alerts.yml"));
            IReadOnlyList<string> ruleFiles = File.Exists(ruleFile) ? [ruleFile] : [];

            // Ports are known only once the run has allocated them, so the configuration is written just before Prometheus starts.
            Builder.Eventing.Subscribe<BeforeResourceStartedEvent>(prometheus.Resource, async (started, cancellationToken) =>
            {
                var model = started.Services.GetRequiredService<DistributedApplicationModel>();
                var scraped = model.Resources.OfType<ProjectResource>()
                    .Where(service => service.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.Name == ServiceEndpointName))
                    .Select(service => new ScrapedResource(service.Name, service.GetEndpoint(ServiceEndpointName)))
                    .Concat(exporters)
                    .Append(new ScrapedResource(PrometheusName, prometheus.GetEndpoint(ServiceEndpointName)));

                var targets = new List<ScrapeTarget>();
                foreach (var resource in scraped)
                {
                    targets.Add(new ScrapeTarget(resource.Job, await HostAndPortAsync(resource.Endpoint, cancellationToken)));
                }

                var alertmanagerAddress = alertmanager is null
                    ? null
                    : await HostAndPortAsync(alertmanager.GetEndpoint(ServiceEndpointName), cancellationToken);
                await Publishing.YamlOutput.WriteTextAsync(
                    configFile, LocalMonitoringConfig.Prometheus(Settings.ScrapeInterval, targets, alertmanagerAddress, ruleFiles), cancellationToken);
            });
        }

        public IReadOnlyList<ScrapedResource> AddExporters(ResearchInfrastructure infrastructure, MonitoringPrograms programs)
        {
            // The exporters read the local servers' addresses and passwords; in containers mode deploy/monitoring's compose has its own.
            if (infrastructure.DatabaseServer.Resource is not LocalPostgresResource postgres || infrastructure.RedisServer.Resource is not LocalRedisResource redis)
            {
                return [];
            }

            var exporters = new List<ScrapedResource>();
            if (programs.PostgresExporter is { } postgresExporter)
            {
                var exporter = AddProgram(PostgresExporterName, PostgresExporterName, postgresExporter, port: null, $"--web.listen-address={ListenAddress}")
                    .WithEnvironment("DATA_SOURCE_NAME", ReferenceExpression.Create(
                        $"postgresql://{LocalPostgresResource.UserName}:{postgres.Password}@{postgres.Endpoint.Property(EndpointProperty.Host)}:{postgres.Endpoint.Property(EndpointProperty.Port)}/postgres?sslmode=disable"))
                    .WaitFor(infrastructure.DatabaseServer)
                    .WithHttpHealthCheck("/");
                exporters.Add(new ScrapedResource(PostgresExporterName, exporter.GetEndpoint(ServiceEndpointName)));
            }

            if (programs.RedisExporter is { } redisExporter)
            {
                var exporter = AddProgram(RedisExporterName, RedisExporterName, redisExporter, port: null, $"--web.listen-address={ListenAddress}")
                    .WithEnvironment("REDIS_ADDR", ReferenceExpression.Create($"redis://{redis.Endpoint.Property(EndpointProperty.HostAndPort)}"))
                    .WithEnvironment("REDIS_PASSWORD", redis.Password)
                    .WaitFor(infrastructure.RedisServer)
                    .WithHttpHealthCheck("/");
                exporters.Add(new ScrapedResource(RedisExporterName, exporter.GetEndpoint(ServiceEndpointName)));
            }

            if (exporters.Count < 2)
            {
                LogAtStart(Builder, LogExportersMissing);
            }

            return exporters;
        }
    }

    private sealed record ScrapedResource(string Job, EndpointReference Endpoint);

    private static async Task<string> HostAndPortAsync(EndpointReference endpoint, CancellationToken cancellationToken) =>
        await endpoint.Property(EndpointProperty.HostAndPort).GetValueAsync(cancellationToken)
            ?? throw new DistributedApplicationException($"{endpoint.Resource.Name} has no allocated {endpoint.EndpointName} endpoint.");

    private static void LogAtStart(IDistributedApplicationBuilder builder, Action<ILogger> log) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            log(start.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MarketResearch.AppHost"));
            return Task.CompletedTask;
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "{Program} is not installed, so local monitoring runs without it (sudo apt-get install -y {Package}).")]
    private static partial void LogNotInstalled(ILogger logger, string program, string package);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database metrics are off: install prometheus-postgres-exporter and prometheus-redis-exporter to scrape Postgres and Redis locally.")]
    private static partial void LogExportersMissing(ILogger logger);
}

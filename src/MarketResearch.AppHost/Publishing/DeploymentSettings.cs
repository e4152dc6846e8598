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

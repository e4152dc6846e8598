namespace MarketResearch.AppHost.Infrastructure;

internal static class LocalInfrastructure
{
    /// <summary>Postgres and Redis from the OS packages, data kept in a state folder that survives restarts.</summary>
    public static ResearchInfrastructure AddLocalInfrastructure(this IDistributedApplicationBuilder builder, SecretParameters secrets)
    {
        var stateDirectory = LocalStateDirectory.Resolve(builder);
        var scripts = Path.Combine(builder.AppHostDirectory, "Local");

        if (builder.ExecutionContext.IsPublishMode)
        {
            throw new DistributedApplicationException("Publishing describes the container model; do not set Infrastructure:Mode=local when publishing.");
        }

        var prerequisites = LocalPrerequisites.Find(builder.Configuration);
        Directory.CreateDirectory(stateDirectory);

        var postgres = builder.AddResource(new LocalPostgresResource(
                ResearchInfrastructure.PostgresName, "/bin/bash", stateDirectory, secrets.PostgresPassword.Resource))
            .WithArgs(Path.Combine(scripts, "run-postgres.sh"))
            .WithDirectEndpoint(LocalPostgresResource.EndpointName, "PGPORT")
            .WithEnvironment("MR_POSTGRES_BIN", prerequisites.PostgresBinDirectory)
            .WithEnvironment("MR_DATA_DIR", Path.Combine(stateDirectory, "postgres"))
            .WithEnvironment("MR_SETPRIV", prerequisites.PrivilegeDropper ?? string.Empty)
            .WithEnvironment("MR_POSTGRES_PASSWORD", secrets.PostgresPassword)
            .WithLocalHealthCheck(builder, resource => new LocalPostgresHealthCheck(resource));

        var database = builder.AddConnectionString(
            ResearchInfrastructure.DatabaseName,
            ReferenceExpression.Create($"{postgres.Resource};Database={ResearchInfrastructure.DatabaseName}"));

        var redis = builder.AddResource(new LocalRedisResource(
                ResearchInfrastructure.RedisName, "/bin/bash", stateDirectory, secrets.RedisPassword.Resource))
            .WithArgs(Path.Combine(scripts, "run-redis.sh"))
            .WithDirectEndpoint(LocalRedisResource.EndpointName, "MR_REDIS_PORT")
            .WithEnvironment("MR_REDIS_SERVER", prerequisites.RedisServer)
            .WithEnvironment("MR_DATA_DIR", Path.Combine(stateDirectory, "redis"))
            .WithEnvironment("MR_REDIS_PASSWORD", secrets.RedisPassword)
            .WithLocalHealthCheck(builder, resource => new LocalRedisHealthCheck(resource));

        return new ResearchInfrastructure(InfrastructureMode.Local, database, postgres, redis, redis, Graph: null);
    }

    /// <summary>
    /// The server listens on a free loopback port itself, and clients connect to it directly: through DCP's proxy every
    /// Postgres and Redis round trip crossed one more process, which cost ≈ 1.4 ms of CPU per sign-in on our 2 cores and a
    /// scheduling delay per round trip when they were busy (BENCHMARKS.md, session 7). Production has no such proxy.
    /// </summary>
    private static IResourceBuilder<T> WithDirectEndpoint<T>(this IResourceBuilder<T> server, string name, string portVariable)
        where T : ExecutableResource
    {
        var port = LoopbackPort.ReserveUntilStarted(server);
        return server.WithEndpoint(name: name, scheme: "tcp", port: port, targetPort: port, env: portVariable, isProxied: false);
    }

    private static IResourceBuilder<T> WithLocalHealthCheck<T>(
        this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder, Func<T, IHealthCheck> create) where T : IResource
    {
        var key = $"{resource.Resource.Name}-answers";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => create(resource.Resource), failureStatus: null, tags: null));
        return resource.WithHealthCheck(key);
    }
}

internal static class LocalStateDirectory
{
    public const string ConfigurationKey = "Infrastructure:StateDirectory";

    /// <summary>Where local data stores and monitoring keep their data: configured, or .state at the repository root.</summary>
    public static string Resolve(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[ConfigurationKey] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.AppHostDirectory, "..", "..", ".state"));
}

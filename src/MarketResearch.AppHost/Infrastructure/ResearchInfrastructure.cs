namespace MarketResearch.AppHost.Infrastructure;

/// <summary>
/// The data stores, named identically in both modes: services reference the connection resources and wait for
/// the server resources (a connection resource alone reports healthy before its server answers).
/// </summary>
internal sealed record ResearchInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResource> DatabaseServer,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResource> RedisServer,
    IResourceBuilder<IResourceWithConnectionString>? Graph)
{
    public const string PostgresName = "postgres";
    public const string DatabaseName = "marketresearch";
    public const string RedisName = "redis";
    public const string GraphName = "graph";

    /// <summary>Which IGraphStore the services use: Neo4j where the graph resource exists, Postgres tables otherwise.</summary>
    public string GraphStore => Graph is null ? "postgres" : "neo4j";
}

internal static class ResearchInfrastructureExtensions
{
    public static ResearchInfrastructure AddResearchInfrastructure(this IDistributedApplicationBuilder builder, SecretParameters secrets)
    {
        var mode = InfrastructureModeDetector.Resolve(builder);
        return mode == InfrastructureMode.Containers
            ? builder.AddContainerInfrastructure(secrets)
            : builder.AddLocalInfrastructure(secrets);
    }
}

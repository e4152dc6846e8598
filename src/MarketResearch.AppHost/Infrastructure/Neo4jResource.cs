namespace MarketResearch.AppHost.Infrastructure;

/// <summary>
/// Neo4j for the discussion graph, reached over its HTTP Query API (the official .NET driver is not obtainable
/// from our package mirror). Aspire has no Neo4j integration, so the resource is ours.
/// </summary>
internal sealed class Neo4jResource(string name, ParameterResource password) : ContainerResource(name), IResourceWithConnectionString
{
    public const string HttpEndpointName = "http";
    public const string BoltEndpointName = "bolt";
    public const string UserName = "neo4j";

    public ParameterResource Password { get; } = password;

    public EndpointReference HttpEndpoint => new(this, HttpEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={HttpEndpoint.Property(EndpointProperty.Url)};Username={UserName};Password={Password}");
}

internal static class Neo4jResourceExtensions
{
    private const int HttpPort = 7474;
    private const int BoltPort = 7687;

    public static IResourceBuilder<Neo4jResource> AddNeo4j(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password)
    {
        var neo4j = new Neo4jResource(name, password.Resource);
        return builder.AddResource(neo4j)
            .WithImage("neo4j", "5-community")
            .WithImageRegistry("docker.io")
            .WithHttpEndpoint(targetPort: HttpPort, name: Neo4jResource.HttpEndpointName)
            .WithEndpoint(targetPort: BoltPort, name: Neo4jResource.BoltEndpointName, scheme: "tcp")
            .WithEnvironment(context => context.EnvironmentVariables["NEO4J_AUTH"] = ReferenceExpression.Create($"{Neo4jResource.UserName}/{password.Resource}"))
            .WithEnvironment("NEO4J_server_memory_heap_max__size", "1G")
            .WithEnvironment("NEO4J_server_memory_pagecache_size", "512M")
            .WithVolume("marketresearch-graph-data", "/data")
            .WithHttpHealthCheck("/", endpointName: Neo4jResource.HttpEndpointName);
    }
}

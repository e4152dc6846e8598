using MarketResearch.AppHost.Infrastructure;

namespace MarketResearch.AppHost;

internal static class ResearchBackend
{
    /// <summary>What api and worker share: the data stores, the LLM key, and starting only after migrations.</summary>
    public static IResourceBuilder<ProjectResource> WithResearchBackend(
        this IResourceBuilder<ProjectResource> service,
        ResearchInfrastructure infrastructure,
        IResourceBuilder<ProjectResource> migrations,
        SecretParameters secrets)
    {
        service
            .WithReference(infrastructure.Database)
            .WithReference(infrastructure.Redis)
            .WaitFor(infrastructure.DatabaseServer)
            .WaitFor(infrastructure.RedisServer)
            .WaitForCompletion(migrations)
            .WithEnvironment("Graph__Store", infrastructure.GraphStore)
            .WithEnvironment("Llm__ApiKey", secrets.LlmApiKey)
            .WithHttpHealthCheck(ServiceEndpoints.ReadyPath);

        if (infrastructure.Graph is { } graph)
        {
            service.WithReference(graph).WaitFor(graph);
        }

        return service;
    }
}

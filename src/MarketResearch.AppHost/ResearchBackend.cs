using MarketResearch.AppHost.Infrastructure;

namespace MarketResearch.AppHost;

internal static class ResearchBackend
{
    private static readonly string[] LlmSettings = ["Provider", "Endpoint", "Model", "EmbeddingProvider", "EmbeddingModel"];

    /// <summary>What api and worker share: the data stores, the LLM key, and starting only after migrations.</summary>
    public static IResourceBuilder<ProjectResource> WithResearchBackend(
        this IResourceBuilder<ProjectResource> service,
        ResearchInfrastructure infrastructure,
        IResourceBuilder<ProjectResource> migrations,
        SecretParameters secrets)
    {
        service
            .WithConnectionStringsOnly()
            .WithReference(infrastructure.Database)
            .WithReference(infrastructure.Redis)
            .WaitFor(infrastructure.DatabaseServer)
            .WaitFor(infrastructure.RedisServer)
            .WaitForCompletion(migrations)
            .WithEnvironment("Graph__Store", infrastructure.GraphStore)
            .WithEnvironment("Llm__ApiKey", secrets.LlmApiKey)
            .WithHttpHealthCheck(ServiceEndpoints.ReadyPath);

        // The LLM provider is chosen in the AppHost's configuration (Llm:Provider, Llm:Endpoint, Llm:Model, …); unset means offline.
        foreach (var setting in LlmSettings)
        {
            service.WithAppHostSetting($"Llm:{setting}");
        }

        if (infrastructure.Graph is { } graph)
        {
            service.WithReference(graph).WaitFor(graph);
        }

        return service;
    }
}

internal static class ReferenceEnvironment
{
    /// <summary>
    /// Our .NET services read ConnectionStrings__* and services__*; the per-property variables Aspire adds for other
    /// clients (X_PASSWORD, X_URI, ...) would only copy secrets into more places, in development and deployments alike.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConnectionStringsOnly(this IResourceBuilder<ProjectResource> service) =>
        service.WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery);
}

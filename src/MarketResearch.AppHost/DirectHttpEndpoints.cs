using MarketResearch.AppHost.Infrastructure;

namespace MarketResearch.AppHost;

/// <summary>
/// In local mode our services listen on their HTTP port themselves, without DCP's proxy in front: the proxy cost one more
/// process hop per request (≈ 0.6 ms of CPU per sign-in on our two cores, BENCHMARKS.md session 8). Production has
/// none. A developer's run keeps the launch profile's port (the stable URL); a test or bench stack, whose ports DCP
/// randomizes, takes a free loopback port held until the service starts.
/// </summary>
internal static class DirectHttpEndpoints
{
    private const string EndpointName = "http";
    private const string RandomizedPortsSetting = "DcpPublisher:RandomizePorts";

    public static IResourceBuilder<ProjectResource> WithDirectHttpEndpoint(this IResourceBuilder<ProjectResource> service, ResearchInfrastructure infrastructure)
    {
        // Containers mode keeps Aspire's proxied endpoints: the change was measured and tested in local mode only.
        if (infrastructure.Mode != InfrastructureMode.Local)
        {
            return service;
        }

        int? reserved = service.ApplicationBuilder.Configuration.GetValue<bool>(RandomizedPortsSetting) ? LoopbackPort.ReserveUntilStarted(service) : null;
        return service.WithEndpoint(EndpointName, endpoint =>
        {
            endpoint.IsProxied = false;
            endpoint.Port = reserved ?? endpoint.Port;
            endpoint.TargetPort = endpoint.Port;
        });
    }
}

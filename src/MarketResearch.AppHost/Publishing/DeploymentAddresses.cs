namespace MarketResearch.AppHost.Publishing;

/// <summary>
/// Where a resource is reached once deployed. Compose service names and Kubernetes Service names are the AppHost
/// resource names, and the ports are the containers' own, so one answer serves both targets.
/// </summary>
internal static class DeploymentAddresses
{
    /// <summary>The value of an endpoint property, or null when the endpoint does not exist in a deployment.</summary>
    public static string? Resolve(EndpointReference endpoint, EndpointProperty property)
    {
        var annotation = endpoint.EndpointAnnotation;
        if (endpoint.Resource is ProjectResource && annotation.UriScheme == "https")
        {
            // TLS ends at the reverse proxy or the Ingress; inside the network our services speak HTTP on 8080.
            return null;
        }

        var host = endpoint.Resource.Name;
        var port = endpoint.Resource is ProjectResource
            ? DeploymentModel.ServicePort
            : annotation.TargetPort ?? throw new DistributedApplicationException(
                $"Endpoint '{annotation.Name}' of '{host}' has no target port, so its deployed address is unknown.");

        return property switch
        {
            EndpointProperty.Url => $"{annotation.UriScheme}://{host}:{port}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => host,
            EndpointProperty.Port or EndpointProperty.TargetPort => port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EndpointProperty.HostAndPort => $"{host}:{port}",
            EndpointProperty.Scheme => annotation.UriScheme,
            // No TLS inside the deployment's network (see above), so conditional ",ssl=true" parts drop out.
            EndpointProperty.TlsEnabled => bool.FalseString,
            _ => throw new DistributedApplicationException($"Endpoint property {property} of '{host}' has no deployed value."),
        };
    }
}

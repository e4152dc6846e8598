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

    /// <summary>
    /// Renders an expression made only of text and endpoint properties (HTTP_PORTS = "{api.bindings.http.targetPort}").
    /// False when it holds anything else (a secret); a null text when it names an endpoint a deployment does not have.
    /// </summary>
    public static bool TryRender(ReferenceExpression expression, out string? text)
    {
        text = null;
        if (expression.IsConditional)
        {
            return false;
        }

        var arguments = new object?[expression.ValueProviders.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var value = expression.ValueProviders[i] switch
            {
                EndpointReferenceExpression property => (true, Resolve(property.Endpoint, property.Property)),
                EndpointReference endpoint => (true, Resolve(endpoint, EndpointProperty.Url)),
                _ => (false, null),
            };
            if (!value.Item1 || expression.StringFormats[i] is not null)
            {
                return false;
            }

            if (value.Item2 is null)
            {
                return true;
            }

            arguments[i] = value.Item2;
        }

        text = string.Format(System.Globalization.CultureInfo.InvariantCulture, expression.Format, arguments);
        return true;
    }
}

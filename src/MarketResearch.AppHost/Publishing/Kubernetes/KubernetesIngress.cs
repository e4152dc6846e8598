using static MarketResearch.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace MarketResearch.AppHost.Publishing.Kubernetes;

/// <summary>The public entrance: TLS from cert-manager, each service the AppHost marks external under its path.</summary>
internal static class KubernetesIngress
{
    public const string Name = "marketresearch";
    public const string TlsSecret = "marketresearch-tls";

    public static YamlMap Ingress(DeploymentModel model, string host)
    {
        var settings = model.Settings.Kubernetes;
        var paths = model.LongRunning.Where(service => service.IsPublic)
            .OrderByDescending(service => service.Settings.PublicPath!.Length)
            .Select(service => (object)new YamlMap
            {
                ["path"] = service.Settings.PublicPath,
                ["pathType"] = "Prefix",
                ["backend"] = new YamlMap
                {
                    ["service"] = new YamlMap { ["name"] = service.Name, ["port"] = new YamlMap { ["name"] = "http" } },
                },
            })
            .ToList();

        var annotations = new YamlMap
        {
            ["cert-manager.io/cluster-issuer"] = settings.ClusterIssuer,
            // Live job progress is Server-Sent Events: no buffering, and long reads.
            ["nginx.ingress.kubernetes.io/proxy-buffering"] = "off",
            ["nginx.ingress.kubernetes.io/proxy-read-timeout"] = "3600",
        };

        return Object("networking.k8s.io/v1", "Ingress", Name, "ingress", new YamlMap
        {
            ["ingressClassName"] = settings.IngressClass,
            ["tls"] = new List<object> { new YamlMap { ["hosts"] = new List<string> { host }, ["secretName"] = TlsSecret } },
            ["rules"] = new List<object> { new YamlMap { ["host"] = host, ["http"] = new YamlMap { ["paths"] = paths } } },
        }, annotations);
    }
}

using System.Text.Json;
using static MarketResearch.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace MarketResearch.AppHost.Publishing.Kubernetes;

/// <summary>A kustomize overlay per environment: its namespace, host name, image tag and (for staging) smaller autoscalers.</summary>
internal static class KubernetesOverlays
{
    public static YamlMap Namespace(OverlaySettings overlay) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new YamlMap
        {
            ["name"] = overlay.Namespace,
            ["labels"] = new YamlMap
            {
                ["app.kubernetes.io/part-of"] = PartOf,
                // Every pod here meets the restricted standard; the namespace refuses any that does not.
                ["pod-security.kubernetes.io/enforce"] = "restricted",
            },
        },
    };

    public static YamlMap Kustomization(DeploymentModel model, OverlaySettings overlay, IEnumerable<string> images)
    {
        var patches = new List<object>
        {
            Patch("Ingress", KubernetesIngress.Name,
                Replace("/spec/rules/0/host", overlay.Host),
                Replace("/spec/tls/0/hosts/0", overlay.Host)),
        };

        foreach (var service in model.LongRunning)
        {
            var operations = new List<object>();
            if (overlay.MinReplicas is { } min)
            {
                operations.Add(Replace("/spec/minReplicas", Math.Min(min, service.Settings.MaxReplicas)));
            }

            if (overlay.MaxReplicas is { } max)
            {
                operations.Add(Replace("/spec/maxReplicas", Math.Max(max, overlay.MinReplicas ?? 1)));
            }

            if (operations.Count > 0)
            {
                patches.Add(Patch("HorizontalPodAutoscaler", service.Name, [.. operations]));
            }
        }

        return new YamlMap
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["namespace"] = overlay.Namespace,
            ["resources"] = new List<string> { "namespace.yaml", "../../base" },
            ["images"] = images.Select(image => (object)new YamlMap { ["name"] = image, ["newTag"] = overlay.ImageTag }).ToList(),
            ["patches"] = patches,
        };
    }

    /// <summary>A JSON patch kept on one line, so the overlay reads as a list of "replace X with Y".</summary>
    private static YamlMap Patch(string kind, string name, params object[] operations) => new()
    {
        ["target"] = new YamlMap { ["kind"] = kind, ["name"] = name },
        ["patch"] = JsonSerializer.Serialize(operations),
    };

    private static Dictionary<string, object> Replace(string path, object value) => new()
    {
        ["op"] = "replace",
        ["path"] = path,
        ["value"] = value,
    };
}

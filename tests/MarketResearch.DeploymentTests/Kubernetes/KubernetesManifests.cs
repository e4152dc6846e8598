using System.Text.Json.Nodes;
using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Kubernetes;

/// <summary>The committed Kubernetes snapshot: every object of the kustomize base, and the overlays.</summary>
internal static class KubernetesManifests
{
    public static readonly string[] Services = ["api", "worker", "web"];
    public static readonly string[] Overlays = ["staging", "production"];

    public static string BaseDirectory { get; } = Repository.Generated("kubernetes", "base");

    public static string OverlayDirectory(string overlay) => Repository.Generated("kubernetes", "overlays", overlay);

    public static IReadOnlyList<JsonObject> Base { get; } = Directory.EnumerateFiles(BaseDirectory, "*.yaml")
        .Where(path => Path.GetFileName(path) != "kustomization.yaml")
        .Order(StringComparer.Ordinal)
        .SelectMany(YamlDocuments.Load)
        .ToList();

    public static IEnumerable<JsonObject> OfKind(string kind) => Base.Where(document => document["kind"].Text() == kind);

    public static JsonObject Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(document => document["metadata"]?["name"].Text() == name)
            ?? throw new Xunit.Sdk.XunitException($"No {kind} named {name} in the Kubernetes base.");

    /// <summary>The pod spec inside a Deployment, Job or CronJob.</summary>
    public static JsonNode PodSpec(JsonObject workload) => workload["kind"].Text() == "CronJob"
        ? workload["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!
        : workload["spec"]!["template"]!["spec"]!;

    public static IEnumerable<JsonObject> Workloads =>
        Base.Where(document => document["kind"].Text() is "Deployment" or "Job" or "CronJob");
}

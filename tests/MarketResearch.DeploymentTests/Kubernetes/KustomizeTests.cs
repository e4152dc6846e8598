using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Kubernetes;

/// <summary>Each overlay builds with kustomize, into valid objects in its own namespace under its own host.</summary>
public sealed class KustomizeTests
{
    [KubectlFact]
    public async Task Each_overlay_builds_into_valid_objects_with_its_namespace_host_and_image_tags()
    {
        foreach (var overlay in KubernetesManifests.Overlays)
        {
            var build = await CommandLine.RunAsync(CommandLine.Find("kubectl")!, ["kustomize", KubernetesManifests.OverlayDirectory(overlay)],
                Repository.Root, TimeSpan.FromMinutes(1));
            build.AssertSucceeded();

            var kustomization = YamlDocuments.LoadOne(Path.Combine(KubernetesManifests.OverlayDirectory(overlay), "kustomization.yaml"));
            var objects = YamlDocuments.Parse(build.Output);
            var expectedNamespace = kustomization["namespace"].Text();
            Assert.All(objects.Where(document => document["kind"].Text() != "Namespace"),
                document => Assert.Equal(expectedNamespace, document["metadata"]?["namespace"].Text()));

            // The overlay's Ingress patch names its host; the built Ingress must carry it.
            var ingressPatch = kustomization["patches"].Items().Single(patch => patch["target"]?["kind"].Text() == "Ingress")["patch"].Text();
            var ingress = objects.Single(document => document["kind"].Text() == "Ingress");
            Assert.Contains($"\"{ingress["spec"]!["rules"].Items().Single()["host"].Text()}\"", ingressPatch);

            var tags = kustomization["images"].Items().ToDictionary(image => image["name"].Text(), image => image["newTag"].Text());
            Assert.All(objects.Where(document => document["kind"].Text() == "Deployment"), deployment =>
            {
                var image = KubernetesManifests.PodSpec(deployment)["containers"].Items().Single()["image"].Text().Split(':');
                Assert.Equal(tags[image[0]], image[1]);
            });

            var rendered = Path.Combine(Path.GetTempPath(), $"kustomize-{overlay}-{Guid.NewGuid():N}.yaml");
            await File.WriteAllTextAsync(rendered, build.Output);
            try
            {
                var validation = await SchemaValidator.ValidateAsync([rendered]);
                validation.AssertSucceeded();
            }
            finally
            {
                File.Delete(rendered);
            }
        }
    }
}

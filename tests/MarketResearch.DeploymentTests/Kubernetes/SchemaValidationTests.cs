using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Kubernetes;

/// <summary>Every generated Kubernetes object is valid against the API schema (offline, kubernetes-models).</summary>
public sealed class SchemaValidationTests
{
    [Fact]
    public async Task Every_object_of_the_base_and_the_overlays_is_schema_valid()
    {
        var files = Directory.EnumerateFiles(Repository.Generated("kubernetes"), "*.yaml", SearchOption.AllDirectories).Order().ToList();

        var result = await SchemaValidator.ValidateAsync(files);

        result.AssertSucceeded();
        Assert.Contains($"{KubernetesManifests.Base.Count + KubernetesManifests.Overlays.Length} valid, 0 invalid", result.Output);
    }

    [Fact]
    public async Task The_validator_rejects_an_object_that_breaks_the_schema()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(broken, """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              replicas: two
              selector:
                matchLabels: {app: api}
              template:
                metadata:
                  labels: {app: api}
                spec:
                  containers:
                  - name: api
                    image: marketresearch/api
            """);
        try
        {
            var result = await SchemaValidator.ValidateAsync([broken]);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("replicas", result.Output);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}

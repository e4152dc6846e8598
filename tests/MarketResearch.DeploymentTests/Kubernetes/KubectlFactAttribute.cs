using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Kubernetes;

/// <summary>A test that needs kubectl (for `kubectl kustomize`); reported as skipped where it is not installed.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (CommandLine.Find("kubectl") is null)
        {
            Skip = "kubectl is not installed; the overlays are still schema-checked file by file.";
        }
    }
}

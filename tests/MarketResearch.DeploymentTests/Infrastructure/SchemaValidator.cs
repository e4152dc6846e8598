namespace MarketResearch.DeploymentTests.Infrastructure;

/// <summary>
/// k8s-validate/validate.mjs: every Kubernetes object checked offline against the API schemas of the npm package
/// kubernetes-models. Installs its packages from the committed lock file (npm ci) on first use.
/// </summary>
internal static class SchemaValidator
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static string Folder { get; } = Repository.PathOf("tests", "MarketResearch.DeploymentTests", "k8s-validate");

    public static async Task<CommandResult> ValidateAsync(IEnumerable<string> files)
    {
        var node = CommandLine.Find("node") ?? throw new Xunit.Sdk.XunitException(
            "node is not installed: scripts/install-prerequisites.sh installs it (Debian packages nodejs and npm).");
        await EnsureInstalledAsync();
        return await CommandLine.RunAsync(node, ["validate.mjs", .. files], Folder, Timeout);
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "kubernetes-models")))
            {
                return;
            }

            var npm = CommandLine.Find("npm") ?? throw new Xunit.Sdk.XunitException("npm is not installed (scripts/install-prerequisites.sh).");
            var install = await CommandLine.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], Folder, Timeout);
            install.AssertSucceeded();
        }
        finally
        {
            InstallLock.Release();
        }
    }
}

using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Workflows;

/// <summary>The repository's shell scripts (CI, deploy, smoke test, local infrastructure) pass shellcheck.</summary>
public sealed class ShellScriptTests
{
    private static readonly string[] NotOurs = ["bin", "obj", "node_modules", ".git", "artifacts"];

    public static TheoryData<string> Scripts() => new(ScriptPaths());

    private static List<string> ScriptPaths() =>
        Directory.EnumerateFiles(Repository.Root, "*.sh", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => NotOurs.Contains(part)))
            .Order()
            .ToList();

    [ShellcheckTheory]
    [MemberData(nameof(Scripts))]
    public async Task A_script_passes_shellcheck(string script)
    {
        var result = await CommandLine.RunAsync("shellcheck", ["--severity=warning", script], Repository.Root, TimeSpan.FromMinutes(1));

        result.AssertSucceeded();
    }

    [Fact]
    public void The_scripts_ci_and_deploy_run_are_among_them() =>
        Assert.Superset(
            new HashSet<string> { "test.sh", "scripts/coverage.sh", "scripts/check-vulnerable-packages.sh", "scripts/smoke-test.sh", "deploy/deploy-kubernetes.sh" },
            ScriptPaths().ToHashSet());
}

/// <summary>Needs shellcheck (scripts/install-prerequisites.sh installs it); skipped where it is missing.</summary>
public sealed class ShellcheckTheoryAttribute : TheoryAttribute
{
    public ShellcheckTheoryAttribute()
    {
        if (CommandLine.Find("shellcheck") is null)
        {
            Skip = "shellcheck is not installed (apt-get install shellcheck).";
        }
    }
}

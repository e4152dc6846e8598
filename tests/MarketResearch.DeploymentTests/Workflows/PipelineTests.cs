using System.Globalization;
using System.Text.RegularExpressions;
using MarketResearch.DeploymentTests.Infrastructure;
using MarketResearch.DeploymentTests.Kubernetes;

namespace MarketResearch.DeploymentTests.Workflows;

/// <summary>What ci.yml and deploy.yml promise: a coverage gate, scanned images pushed from main only, a vulnerable-package check, approved deployments.</summary>
public sealed partial class PipelineTests
{
    private const int MinimumCoverage = 80;
    private static readonly string[] Environments = ["staging", "production"];

    [Fact]
    public void Ci_collects_coverage_and_gates_the_domain_library_at_80_percent_or_more()
    {
        var ci = Workflow.Load("ci.yml");
        var job = ci.Job("build-and-test");

        Assert.True(int.Parse(ci.Root["env"]?["COVERAGE_MINIMUM"].Text() ?? "0", CultureInfo.InvariantCulture) >= MinimumCoverage);
        Assert.Contains("MarketResearch.Domain", ci.Root["env"]?["COVERAGE_GATED"].Text().Split(',').Select(name => name.Trim()) ?? []);
        var test = Workflow.StepRunning(job, "./test.sh");
        Assert.Contains("--collect \"XPlat Code Coverage\"", test["run"].Text(), StringComparison.Ordinal);
        Assert.Contains("--settings tests/coverage.runsettings", test["run"].Text(), StringComparison.Ordinal);
        Assert.Contains("scripts/coverage.sh --report-only artifacts/test-results", Workflow.StepRunning(job, "scripts/coverage.sh")["run"].Text(), StringComparison.Ordinal);
        Assert.Contains(Workflow.StepsUsing(job, "actions/upload-artifact"), step => step["with"]?["path"].Text() == "artifacts/coverage");
    }

    [Fact]
    public void The_coverage_script_defaults_to_the_same_gate_as_ci()
    {
        var script = File.ReadAllText(Repository.PathOf("scripts", "coverage.sh"));

        Assert.Contains($"minimum=\"${{COVERAGE_MINIMUM:-{MinimumCoverage}}}\"", script, StringComparison.Ordinal);
        Assert.Contains("gated=\"${COVERAGE_GATED:-MarketResearch.Domain}\"", script, StringComparison.Ordinal);
        // The collector the runsettings configure must be referenced by every test project.
        Assert.Contains("coverlet.collector", File.ReadAllText(Repository.PathOf("tests", "Directory.Build.props")), StringComparison.Ordinal);
        Assert.Contains("XPlat code coverage", File.ReadAllText(Repository.PathOf("tests", "coverage.runsettings")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_service_image_is_built_with_a_layer_cache_scanned_and_pushed_to_ghcr_only_from_main()
    {
        var job = Workflow.Load("ci.yml").Job("images");
        var matrix = job["strategy"]?["matrix"]?["include"].Items().ToList() ?? [];
        var dockerfiles = Directory.EnumerateFiles(Repository.PathOf("src"), "Dockerfile", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/')).Order().ToList();

        Assert.Equal(dockerfiles, matrix.Select(entry => entry["dockerfile"].Text()).Order().ToList());
        var builds = Workflow.StepsUsing(job, "docker/build-push-action").ToList();
        Assert.All(builds, build => Assert.StartsWith("type=gha", build["with"]?["cache-from"].Text(), StringComparison.Ordinal));
        Assert.Contains(builds, build => build["with"]?["cache-to"].Text().StartsWith("type=gha,mode=max", StringComparison.Ordinal) == true);

        var steps = Workflow.Steps(job).ToList();
        var scan = Assert.Single(Workflow.StepsUsing(job, "aquasecurity/trivy-action"));
        Assert.Equal("1", scan["with"]?["exit-code"].Text());
        Assert.Equal("true", scan["with"]?["ignore-unfixed"].Text());
        Assert.Equal(["CRITICAL", "HIGH"], scan["with"]?["severity"].Text().Split(',').Order());
        var push = Assert.Single(builds, build => build["with"]?["push"].Text() == "true");
        Assert.True(steps.IndexOf(scan) < steps.IndexOf(push), "the image is scanned before it is pushed");
        Assert.Equal("env.PUSH == 'true'", push["if"].Text());
        Assert.Contains("refs/heads/main", job["env"]?["PUSH"].Text(), StringComparison.Ordinal);
        Assert.Contains("github.event_name == 'push'", job["env"]?["PUSH"].Text(), StringComparison.Ordinal);
        Assert.Equal("ghcr.io", Assert.Single(Workflow.StepsUsing(job, "docker/login-action"))["with"]?["registry"].Text());
        Assert.Equal("write", job["permissions"]?["packages"].Text());
    }

    [Fact]
    public void A_vulnerable_package_fails_ci()
    {
        var job = Workflow.Load("ci.yml").Job("vulnerable-packages");
        Workflow.StepRunning(job, "scripts/check-vulnerable-packages.sh");

        var script = File.ReadAllText(Repository.PathOf("scripts", "check-vulnerable-packages.sh"));
        Assert.Contains("package --vulnerable --include-transitive", script, StringComparison.Ordinal);
        Assert.Contains("exit 1", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_is_dispatched_by_hand_to_an_approved_environment_then_checked_and_smoke_tested()
    {
        var deploy = Workflow.Load("deploy.yml");

        Assert.Equal(["workflow_dispatch"], deploy.Root["on"].Entries().Select(trigger => trigger.Key));
        var environment = deploy.Root["on"]?["workflow_dispatch"]?["inputs"]?["environment"];
        Assert.Equal("choice", environment?["type"].Text());
        Assert.Equal(Environments, environment?["options"].Items().Select(option => option.Text()));
        Assert.All(Environments, name => Assert.True(File.Exists(Repository.Generated("kubernetes", "overlays", name, "kustomization.yaml")), $"no overlay for {name}"));

        var job = deploy.Job("deploy");
        // A job bound to a GitHub environment waits for that environment's required reviewers.
        Assert.Equal("${{ inputs.environment }}", job["environment"]?["name"].Text());
        Assert.Equal("false", deploy.Root["concurrency"]?["cancel-in-progress"].Text());
        var steps = Workflow.Steps(job).ToList();
        var rollout = Workflow.StepRunning(job, "deploy/deploy-kubernetes.sh");
        var smoke = Workflow.StepRunning(job, "scripts/smoke-test.sh");
        Assert.True(steps.IndexOf(rollout) < steps.IndexOf(smoke));
        var script = File.ReadAllText(Repository.PathOf("deploy", "deploy-kubernetes.sh"));
        Assert.Contains("rollout status", script, StringComparison.Ordinal);
        Assert.Contains("/health/ready", script, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task The_deploy_script_pins_every_image_of_the_overlay_to_the_registry_and_tag()
    {
        foreach (var environment in Environments)
        {
            var result = await RunDeployDryRunAsync(environment, "ghcr.io/Example-Org/marketresearch", "0123abc");
            result.AssertSucceeded();

            var images = ImageLine().Matches(result.Output).Select(match => match.Groups["image"].Value).ToList();
            Assert.NotEmpty(images);
            Assert.All(images, image => Assert.Matches(@"^ghcr\.io/example-org/marketresearch/[a-z]+:0123abc$", image));
            Assert.Equal(["api", "backup", "migrations", "web", "worker"], images.Select(image => image.Split('/')[^1].Split(':')[0]).Distinct().Order());
        }

        Assert.Empty(Directory.EnumerateDirectories(Repository.Generated("kubernetes", "overlays"), ".release-*"));
    }

    [Fact]
    public async Task The_deploy_script_refuses_an_unknown_environment()
    {
        var result = await RunDeployDryRunAsync("qa", "ghcr.io/example/marketresearch", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No overlay", result.Output, StringComparison.Ordinal);
    }

    private static Task<CommandResult> RunDeployDryRunAsync(string environment, string registry, string tag) =>
        CommandLine.RunAsync("bash", [Repository.PathOf("deploy", "deploy-kubernetes.sh"), environment, registry, tag], Repository.Root,
            TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["DEPLOY_DRY_RUN"] = "1" });

    [GeneratedRegex(@"^\s*image:\s*(?<image>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ImageLine();
}

using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests;

/// <summary>The committed deploy/generated is exactly what the AppHost publishes today, and settings reach it.</summary>
public sealed class PublishTests(FreshPublish publish) : IClassFixture<FreshPublish>
{
    private const string Republish = "Run deploy/publish.sh and commit deploy/generated.";

    [Fact]
    public void Publishing_succeeds_and_writes_the_manifest_compose_and_kubernetes_output()
    {
        publish.Result.Command.AssertSucceeded();
        Assert.True(File.Exists(publish.Result.PathOf("aspire-manifest.json")));
        Assert.True(File.Exists(publish.Result.PathOf("compose", "docker-compose.yml")));
        Assert.True(File.Exists(publish.Result.PathOf("compose", ".env.template")));
        Assert.True(File.Exists(publish.Result.PathOf("kubernetes", "base", "kustomization.yaml")));
        foreach (var overlay in new[] { "staging", "production" })
        {
            Assert.True(File.Exists(publish.Result.PathOf("kubernetes", "overlays", overlay, "kustomization.yaml")), overlay);
        }
    }

    [Fact]
    public void The_committed_snapshot_matches_a_fresh_publish()
    {
        publish.Result.Command.AssertSucceeded();
        var fresh = Files(publish.Result.Directory);
        var committed = Files(Repository.Generated());

        Assert.True(fresh.Keys.Order().SequenceEqual(committed.Keys.Order()),
            $"Files differ. Published: {string.Join(", ", fresh.Keys.Order())}. Committed: {string.Join(", ", committed.Keys.Order())}. {Republish}");
        var changed = fresh.Where(file => file.Value != committed[file.Key]).Select(file => file.Key).ToList();
        Assert.True(changed.Count == 0, $"Out of date in deploy/generated: {string.Join(", ", changed)}. {Republish}");
    }

    [Fact]
    public async Task Publishing_twice_gives_byte_identical_output()
    {
        using var second = await Publisher.PublishAsync();
        second.Command.AssertSucceeded();

        var first = Files(publish.Result.Directory);
        var again = Files(second.Directory);
        Assert.Equal(first.Keys.Order(), again.Keys.Order());
        Assert.All(first, file => Assert.True(file.Value == again[file.Key], $"{file.Key} differs between two publishes"));
    }

    [Fact]
    public async Task Deployment_settings_from_configuration_reach_compose_and_kubernetes()
    {
        using var tuned = await Publisher.PublishAsync(
            "--Deployment:Redis:MaxMemory=1G", "--Deployment:Api:MaxReplicas=4", "--Deployment:Worker:PostgresPoolSize=12");
        tuned.Command.AssertSucceeded();

        var compose = File.ReadAllText(tuned.PathOf("compose", "docker-compose.yml"));
        Assert.Contains("--maxmemory 1gb --maxmemory-policy noeviction", compose);
        Assert.Contains("Maximum Pool Size=12", compose);
        var autoscaler = YamlDocuments.Load(tuned.PathOf("kubernetes", "base", "api.yaml")).Single(document => document["kind"].Text() == "HorizontalPodAutoscaler");
        Assert.Equal("4", autoscaler["spec"]!["maxReplicas"].Text());
    }

    [Theory]
    [InlineData("--Deployment:Postgres:MaxConnections=50", "Deployment:Postgres:MaxConnections")]
    [InlineData("--Deployment:Redis:MaxMemory=4G", "Deployment:Redis:MaxMemory")]
    [InlineData("--Deployment:Graph:Memory=4G", "Deployment:Graph:Memory")]
    [InlineData("--Deployment:Api:Memory=lots", "Deployment:api:Memory")]
    public async Task Settings_that_cannot_work_refuse_to_publish(string setting, string named)
    {
        using var refused = await Publisher.PublishAsync(setting);

        Assert.NotEqual(0, refused.Command.ExitCode);
        Assert.Contains(named, refused.Command.Output);
        Assert.False(File.Exists(refused.PathOf("compose", "docker-compose.yml")), "a refused publish must not leave output behind");
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => IsGenerated(Path.GetRelativePath(root, path)))
            .ToDictionary(path => Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText);

    /// <summary>What an operator adds next to the compose file (.env, certs, secrets) is not part of the snapshot.</summary>
    private static bool IsGenerated(string relative) =>
        !relative.StartsWith(Path.Combine("compose", "certs"), StringComparison.Ordinal)
        && !relative.StartsWith(Path.Combine("compose", "secrets"), StringComparison.Ordinal)
        && relative != Path.Combine("compose", ".env");
}

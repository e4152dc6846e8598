using System.Diagnostics;
using System.Text.Json;

namespace MarketResearch.IntegrationTests;

/// <summary>The containers-mode model (what Docker users and deployments get) without starting it.</summary>
public sealed class PublishedModelTests
{
    private static readonly string[] EveryResource = ["postgres", "marketresearch", "redis", "graph", "migrations", "api", "worker", "web"];

    [Fact]
    public async Task The_containers_mode_model_builds_with_every_resource()
    {
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MarketResearch_AppHost>(["Infrastructure:Mode=containers"]);

        var names = builder.Resources.Select(resource => resource.Name).ToHashSet();

        Assert.All(EveryResource, name => Assert.Contains(name, names));
        Assert.IsAssignableFrom<ContainerResource>(builder.Resources.Single(resource => resource.Name == "postgres"));
        Assert.IsAssignableFrom<ContainerResource>(builder.Resources.Single(resource => resource.Name == "graph"));
    }

    [Fact]
    public async Task The_local_mode_model_has_no_graph_server_and_runs_stores_as_executables()
    {
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MarketResearch_AppHost>(
            ["Infrastructure:Mode=local", $"Infrastructure:StateDirectory={Path.Combine(Path.GetTempPath(), $"mr-model-{Guid.NewGuid():N}")}"]);

        Assert.DoesNotContain(builder.Resources, resource => resource.Name == "graph");
        Assert.IsAssignableFrom<ExecutableResource>(builder.Resources.Single(resource => resource.Name == "postgres"));
        Assert.IsAssignableFrom<ExecutableResource>(builder.Resources.Single(resource => resource.Name == "redis"));
    }

    [Theory]
    [InlineData("api", 5080)]
    [InlineData("web", 5070)]
    [InlineData("worker", 5090)]
    public async Task In_local_mode_the_services_listen_on_their_http_port_themselves(string service, int launchProfilePort)
    {
        var state = $"Infrastructure:StateDirectory={Path.Combine(Path.GetTempPath(), $"mr-model-{Guid.NewGuid():N}")}";

        // A developer's run (ports not randomized): the launch profile's port, without DCP's proxy in front.
        using (var developer = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MarketResearch_AppHost>(
            ["Infrastructure:Mode=local", state, "DcpPublisher:RandomizePorts=false"]))
        {
            var endpoint = HttpEndpointOf(developer, service);
            Assert.False(endpoint.IsProxied);
            Assert.Equal(launchProfilePort, endpoint.Port);
            Assert.Equal(launchProfilePort, endpoint.TargetPort);
        }

        // A test or bench stack (ports randomized): a free loopback port of its own, so stacks never collide.
        using (var test = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MarketResearch_AppHost>(
            ["Infrastructure:Mode=local", state, "DcpPublisher:RandomizePorts=true"]))
        {
            var endpoint = HttpEndpointOf(test, service);
            Assert.False(endpoint.IsProxied);
            Assert.NotEqual(launchProfilePort, endpoint.Port);
            Assert.Equal(endpoint.Port, endpoint.TargetPort);
        }

        // Containers mode keeps Aspire's proxied endpoint.
        using var containers = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MarketResearch_AppHost>(["Infrastructure:Mode=containers"]);
        Assert.True(HttpEndpointOf(containers, service).IsProxied);
    }

    private static EndpointAnnotation HttpEndpointOf(IDistributedApplicationTestingBuilder builder, string service) =>
        builder.Resources.Single(resource => resource.Name == service).Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http");

    [Fact]
    public async Task The_upload_limit_set_on_the_apphost_reaches_both_the_api_and_the_web_app()
    {
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MarketResearch_AppHost>(
            ["Infrastructure:Mode=containers", "Knowledge:MaxUploadBytes=1048576"]);

        foreach (var name in new[] { "api", "web" })
        {
            var service = builder.Resources.Single(resource => resource.Name == name);
            var environment = new Dictionary<string, object>();
            Assert.True(service.TryGetEnvironmentVariables(out var callbacks));
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), service, environment);
            foreach (var callback in callbacks)
            {
                await callback.Callback(context);
            }

            Assert.Equal("1048576", environment.GetValueOrDefault("Knowledge__MaxUploadBytes"));
        }
    }

    [Fact]
    public async Task The_aspire_manifest_contains_every_resource_and_no_secret_values()
    {
        var output = Path.Combine(Path.GetTempPath(), $"mr-manifest-{Guid.NewGuid():N}");
        var manifestPath = Path.Combine(output, "aspire-manifest.json");

        var (exitCode, log) = await RunAppHostAsync("--publisher", "manifest", "--output-path", manifestPath);

        Assert.True(exitCode == 0, log);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath));
        var resources = manifest.RootElement.GetProperty("resources");
        Assert.All(EveryResource, name => Assert.True(resources.TryGetProperty(name, out _), $"{name} missing from the manifest"));
        Assert.Equal("container.v0", resources.GetProperty("postgres").GetProperty("type").GetString());
        Assert.Equal("project.v0", resources.GetProperty("api").GetProperty("type").GetString());
        foreach (var secret in new[] { "postgres-password", "redis-password", "graph-password", "token-signing-key", "llm-api-key" })
        {
            var input = resources.GetProperty(secret).GetProperty("inputs").GetProperty("value");
            Assert.True(input.GetProperty("secret").GetBoolean(), $"{secret} is not marked secret");
            // A generate directive is allowed (the deployer makes a fresh value); a literal default is not.
            Assert.False(input.TryGetProperty("default", out var fallback) && fallback.TryGetProperty("value", out _), $"{secret} has a default value");
        }

        Directory.Delete(output, recursive: true);
    }

    private static async Task<(int ExitCode, string Log)> RunAppHostAsync(params string[] arguments)
    {
        var project = Projects.MarketResearch_AppHost.ProjectPath;
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var start = new ProcessStartInfo("dotnet", ["run", "--project", project, "--no-build", "--no-launch-profile", "-c", configuration, "--", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

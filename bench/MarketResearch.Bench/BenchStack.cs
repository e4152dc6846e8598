using System.Diagnostics;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketResearch.Bench;

/// <summary>The whole AppHost in local mode with a throwaway state folder, as the integration tests run it.</summary>
internal sealed class BenchStack : IAsyncDisposable
{
    private readonly string _stateDirectory;

    private BenchStack(DistributedApplication app, string stateDirectory, string signingKey, TimeSpan timeToHealthy)
    {
        App = app;
        _stateDirectory = stateDirectory;
        SigningKey = signingKey;
        TimeToHealthy = timeToHealthy;
    }

    public DistributedApplication App { get; }
    public string SigningKey { get; }
    public TimeSpan TimeToHealthy { get; }

    /// <param name="appHostWorker">False leaves the AppHost's worker stopped, for benches that run their own replicas.</param>
    /// <param name="settings">Extra AppHost configuration, e.g. <c>Llm:Provider=OpenAICompatible</c>.</param>
    public static async Task<BenchStack> StartAsync(bool appHostWorker = true, IReadOnlyList<string>? settings = null)
    {
        var state = Path.Combine(Path.GetTempPath(), $"marketresearch-bench-{Guid.NewGuid():N}");
        var signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(40));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MarketResearch_AppHost>(
        [
            "Infrastructure:Mode=local",
            $"Infrastructure:StateDirectory={state}",
            $"Parameters:postgres-password={Secret()}",
            $"Parameters:redis-password={Secret()}",
            $"Parameters:graph-password={Secret()}",
            $"Parameters:token-signing-key={signingKey}",
            .. settings ?? [],
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // Load comes from one address and a few accounts: lift the abuse limits, measure the work itself.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "api"))
            .WithEnvironment("RateLimits__Register__PermitLimit", "1000000")
            .WithEnvironment("RateLimits__Login__PermitLimit", "1000000")
            .WithEnvironment("RateLimits__LoginPerAccount__PermitLimit", "1000000")
            .WithEnvironment("RateLimits__General__PermitLimit", "1000000");

        if (!appHostWorker)
        {
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "worker")).WithExplicitStart();
        }

        var clock = Stopwatch.StartNew();
        var app = await builder.BuildAsync();
        await app.StartAsync();
        foreach (var resource in new[] { "postgres", "redis", "api", "web" }.Concat(appHostWorker ? ["worker"] : Array.Empty<string>()))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
        }

        return new BenchStack(app, state, signingKey, clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

using System.Diagnostics.Metrics;
using MarketResearch.AI.Pipeline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Tests.Support;

/// <summary>The production pipeline built around a test double, with its own meters so tests never see each other's numbers.</summary>
internal sealed class PipelineHarness : IDisposable
{
    private readonly ServiceProvider services;

    public PipelineHarness(IChatClient provider, LlmOptions? options = null, IDistributedCache? cache = null)
    {
        var collection = new ServiceCollection();
        if (cache is not null)
        {
            collection.AddSingleton(cache);
        }

        services = collection
            .AddLogging()
            .AddMetrics()
            .AddSingleton(Options.Create(options ?? FastOptions()))
            .AddSingleton<LlmMetrics>()
            .BuildServiceProvider();
        Client = new ChatClientBuilder(provider).UseResearchPipeline().Build(services);
        Metrics = new MetricsRecorder(services.GetRequiredService<IMeterFactory>());
    }

    public IChatClient Client { get; }

    public MetricsRecorder Metrics { get; }

    /// <summary>Defaults with back-off short enough for tests; Retry-After still wins when a provider sends it.</summary>
    public static LlmOptions FastOptions() => new()
    {
        Retry = new RetrySettings { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10) },
        Timeout = TimeSpan.FromSeconds(10),
    };

    public void Dispose()
    {
        Metrics.Dispose();
        Client.Dispose();
        services.Dispose();
    }
}

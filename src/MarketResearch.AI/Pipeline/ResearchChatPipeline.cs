using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Pipeline;

/// <summary>The middleware every chat provider runs behind, outermost first.</summary>
public static class ResearchChatPipeline
{
    /// <summary>Spans (gen_ai conventions) and meters are published under this name; ServiceDefaults exports "MarketResearch.*".</summary>
    public const string TelemetrySourceName = "MarketResearch.AI";

    /// <summary>
    /// Tracing sees the whole call and cache hits; retries and the circuit breaker wrap the concurrency limit, so a request
    /// waiting out a Retry-After gives its slot to others; metrics and the timeout see each attempt alone.
    /// </summary>
    public static ChatClientBuilder UseResearchPipeline(this ChatClientBuilder builder) =>
        builder
            .Use((inner, services) => new OpenTelemetryChatClient(inner, Logger(services), TelemetrySourceName)
            {
                EnableSensitiveData = Options(services).EnableSensitiveTelemetry,
            })
            .Use(Cached)
            .Use((inner, services) => new ResilientChatClient(
                inner,
                ChatResiliencePipeline.Create(Options(services), Time(services), Logger(services))))
            .Use((inner, services) => new ConcurrencyLimitedChatClient(inner, LimitFor(Options(services))))
            .Use((inner, services) => new MeteredChatClient(inner, services.GetRequiredService<LlmMetrics>()))
            .Use((inner, services) => new AttemptTimeoutChatClient(inner, Options(services).Timeout));

    private static IChatClient Cached(IChatClient inner, IServiceProvider services)
    {
        var options = Options(services);
        return options.CacheResponses && options.Provider != LlmProvider.Offline && services.GetService<IDistributedCache>() is { } cache
            ? new ResponseCacheChatClient(inner, cache, options.CacheLifetime)
            : inner;
    }

    private static int LimitFor(LlmOptions options) => options.Provider switch
    {
        LlmProvider.OpenAICompatible => options.MaxConcurrency.OpenAICompatible,
        _ => options.MaxConcurrency.Offline,
    };

    private static LlmOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<LlmOptions>>().Value;

    private static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(TelemetrySourceName) ?? NullLogger.Instance;
}

using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace MarketResearch.Api.ReadCache;

internal static class ReadCacheRegistration
{
    /// <summary>HybridCache with Redis (the connection Aspire already opened) as its second level, and the project read cache.</summary>
    public static WebApplicationBuilder AddProjectReadCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReadCacheOptions>().Bind(builder.Configuration.GetSection(ReadCacheOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((redis, services) =>
        {
            redis.InstanceName = "marketresearch:";
            redis.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
        });
        var readCache = builder.Configuration.GetSection(ReadCacheOptions.Section).Get<ReadCacheOptions>() ?? new ReadCacheOptions();
        builder.Services.AddHybridCache(hybrid => hybrid.MaximumPayloadBytes = readCache.MaxPayloadBytes);
        builder.Services.AddSingleton<ProjectReadCache>();
        return builder;
    }
}

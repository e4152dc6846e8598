using MarketResearch.AI.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Tests.Pipeline;

public sealed class ResponseCacheTests
{
    [Fact]
    public async Task A_repeated_request_to_a_remote_model_is_answered_from_the_cache()
    {
        var options = PipelineHarness.FastOptions();
        options.Provider = LlmProvider.OpenAICompatible;
        var provider = new SlowProvider(TimeSpan.Zero);
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var harness = new PipelineHarness(provider, options, cache);

        await harness.Client.GetResponseAsync("Hi", new ChatOptions().WithPersona(Personas.Typical).WithSeed(1));
        var again = await harness.Client.GetResponseAsync("Hi", new ChatOptions().WithPersona(Personas.Typical).WithSeed(1));
        await harness.Client.GetResponseAsync("Hi", new ChatOptions().WithPersona(Personas.Typical).WithSeed(2));
        await harness.Client.GetResponseAsync("Hi", new ChatOptions().WithPersona(Personas.Anxious).WithSeed(1));

        Assert.Equal("ok", again.Text);
        Assert.Equal(3, provider.Calls);
        Assert.Equal(3, harness.Metrics.Sum(MarketResearch.AI.Pipeline.LlmMetrics.RequestsName));
    }

    [Fact]
    public async Task Cached_answers_expire_after_the_configured_lifetime()
    {
        var options = PipelineHarness.FastOptions();
        options.Provider = LlmProvider.OpenAICompatible;
        options.CacheLifetime = TimeSpan.FromHours(3);
        var cache = new RecordingCache();
        using var harness = new PipelineHarness(new SlowProvider(TimeSpan.Zero), options, cache);

        await harness.Client.GetResponseAsync("Hi");

        Assert.Equal(TimeSpan.FromHours(3), Assert.Single(cache.Writes).AbsoluteExpirationRelativeToNow);
    }

    [Theory]
    [InlineData(LlmProvider.Offline, true)]
    [InlineData(LlmProvider.OpenAICompatible, false)]
    public async Task The_offline_simulator_and_a_disabled_cache_always_reach_the_provider(LlmProvider chatProvider, bool cacheResponses)
    {
        var options = PipelineHarness.FastOptions();
        options.Provider = chatProvider;
        options.CacheResponses = cacheResponses;
        var provider = new SlowProvider(TimeSpan.Zero);
        using var harness = new PipelineHarness(provider, options, new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));

        await harness.Client.GetResponseAsync("Hi");
        await harness.Client.GetResponseAsync("Hi");

        Assert.Equal(2, provider.Calls);
    }

    private sealed class RecordingCache : IDistributedCache
    {
        private readonly MemoryDistributedCache inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public List<DistributedCacheEntryOptions> Writes { get; } = [];

        public byte[]? Get(string key) => inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

        public void Refresh(string key) => inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

        public void Remove(string key) => inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            Writes.Add(options);
            inner.Set(key, value, options);
        }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Writes.Add(options);
            return inner.SetAsync(key, value, options, token);
        }
    }
}

using System.Diagnostics;
using System.Net;
using MarketResearch.AI.Pipeline;
using MarketResearch.AI.Tests.Support;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;

namespace MarketResearch.AI.Tests.Pipeline;

public sealed class ResiliencePipelineTests
{
    [Fact]
    public async Task At_most_the_configured_number_of_calls_reach_the_provider_at_once()
    {
        var options = PipelineHarness.FastOptions();
        options.MaxConcurrency.Offline = 3;
        var provider = new SlowProvider(TimeSpan.FromMilliseconds(50));
        using var harness = new PipelineHarness(provider, options);

        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => harness.Client.GetResponseAsync("Hi")));

        Assert.Equal(24, provider.Calls);
        Assert.Equal(3, provider.MaxInFlight);
    }

    [Fact]
    public async Task Each_provider_has_its_own_limit()
    {
        var options = PipelineHarness.FastOptions();
        options.Provider = LlmProvider.OpenAICompatible;
        options.MaxConcurrency.Offline = 1;
        options.MaxConcurrency.OpenAICompatible = 5;
        var provider = new SlowProvider(TimeSpan.FromMilliseconds(50));
        using var harness = new PipelineHarness(provider, options);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => harness.Client.GetResponseAsync("Hi")));

        Assert.Equal(5, provider.MaxInFlight);
    }

    [Fact]
    public async Task Transient_failures_are_retried_and_permanent_ones_are_not()
    {
        var unavailable = new FailingProvider(() => new HttpRequestException("down", null, HttpStatusCode.ServiceUnavailable), failures: 2);
        var unauthorized = new FailingProvider(() => new HttpRequestException("bad key", null, HttpStatusCode.Unauthorized), failures: 1);
        using var retrying = new PipelineHarness(unavailable);
        using var failing = new PipelineHarness(unauthorized);

        Assert.Equal("recovered", (await retrying.Client.GetResponseAsync("Hi")).Text);
        await Assert.ThrowsAsync<HttpRequestException>(() => failing.Client.GetResponseAsync("Hi"));

        Assert.Equal(3, unavailable.Calls);
        Assert.Equal(1, unauthorized.Calls);
    }

    [Fact]
    public async Task A_hung_attempt_times_out_and_is_retried()
    {
        var options = PipelineHarness.FastOptions();
        options.Timeout = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxRetries = 1;
        var hung = new SlowProvider(Timeout.InfiniteTimeSpan);
        using var harness = new PipelineHarness(hung, options);
        var clock = Stopwatch.StartNew();

        var timeout = await Assert.ThrowsAsync<LlmTimeoutException>(() => harness.Client.GetResponseAsync("Hi"));

        Assert.Equal(2, hung.Calls);
        Assert.Equal(options.Timeout, timeout.Timeout);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(380), TimeSpan.FromSeconds(5));
        Assert.Equal(2, harness.Metrics.Sum(LlmMetrics.RequestsName, ("outcome", "timeout")));
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried_or_counted_as_a_timeout()
    {
        var hung = new SlowProvider(Timeout.InfiniteTimeSpan);
        using var harness = new PipelineHarness(hung);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.GetResponseAsync("Hi", cancellationToken: cancel.Token));

        Assert.Equal(1, hung.Calls);
        Assert.Equal(1, harness.Metrics.Sum(LlmMetrics.RequestsName, ("outcome", "cancelled")));
    }

    [Fact]
    public async Task A_provider_that_keeps_failing_trips_the_circuit_and_is_left_alone()
    {
        var options = PipelineHarness.FastOptions();
        options.Retry.MaxRetries = 0;
        options.CircuitBreaker = new CircuitBreakerSettings
        {
            FailureRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(30),
        };
        var down = new FailingProvider(() => new HttpRequestException("down", null, HttpStatusCode.BadGateway), failures: int.MaxValue);
        using var harness = new PipelineHarness(down, options);

        for (var call = 0; call < 4; call++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetResponseAsync("Hi"));
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => harness.Client.GetResponseAsync("Hi"));
        Assert.Equal(4, down.Calls);
    }
}

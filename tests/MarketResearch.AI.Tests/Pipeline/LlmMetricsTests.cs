using System.Net;
using MarketResearch.AI.Offline;
using MarketResearch.AI.Pipeline;
using MarketResearch.AI.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Tests.Pipeline;

public sealed class LlmMetricsTests
{
    [Fact]
    public async Task An_offline_call_counts_a_request_its_tokens_and_duration_under_the_callers_operation()
    {
        using var harness = new PipelineHarness(new OfflineChatClient(Options.Create(new LlmOptions())));
        var options = new ChatOptions().WithOperation("persona_profile").WithPersona(Personas.Typical);

        var response = await harness.Client.GetResponseAsync("Describe yourself.", options);

        var request = Assert.Single(harness.Metrics.Of(LlmMetrics.RequestsName));
        Assert.Equal(1, request.Value);
        Assert.True(request.Has("model", OfflineChatClient.ModelId) && request.Has("operation", "persona_profile") && request.Has("outcome", "success"));
        Assert.Equal((double)response.Usage!.InputTokenCount!, harness.Metrics.Sum(LlmMetrics.TokensName, ("direction", "input"), ("operation", "persona_profile")));
        Assert.Equal((double)response.Usage!.OutputTokenCount!, harness.Metrics.Sum(LlmMetrics.TokensName, ("direction", "output"), ("operation", "persona_profile")));
        var duration = Assert.Single(harness.Metrics.Of(LlmMetrics.DurationName));
        Assert.InRange(duration.Value, 0, 5);
        Assert.Empty(harness.Metrics.Of(LlmMetrics.CostName));
    }

    [Fact]
    public async Task Cost_comes_from_the_price_table_for_the_requested_model()
    {
        var options = PipelineHarness.FastOptions();
        options.Prices["gpt-test"] = new ModelPrice { InputPerMillionTokens = 2.5, OutputPerMillionTokens = 10 };
        using var harness = new PipelineHarness(new SlowProvider(TimeSpan.Zero, "gpt-test", inputTokens: 1000, outputTokens: 500), options);

        await harness.Client.GetResponseAsync("Hi", new ChatOptions().WithOperation("survey_answer"));
        await harness.Client.GetResponseAsync("Hi", new ChatOptions().WithOperation("survey_answer"));

        // Labelled by the model asked for, not the dated variant the provider echoes back.
        Assert.Equal(2 * 0.0075, harness.Metrics.Sum(LlmMetrics.CostName, ("model", "gpt-test"), ("operation", "survey_answer")), 9);
        Assert.Equal(2000, harness.Metrics.Sum(LlmMetrics.TokensName, ("model", "gpt-test"), ("direction", "input")));
    }

    [Fact]
    public async Task Requests_without_an_operation_are_labelled_chat()
    {
        using var harness = new PipelineHarness(new SlowProvider(TimeSpan.Zero));

        await harness.Client.GetResponseAsync("Hi");

        Assert.True(Assert.Single(harness.Metrics.Of(LlmMetrics.RequestsName)).Has("operation", ResearchChatOptions.DefaultOperation));
    }

    [Fact]
    public async Task Every_attempt_is_counted_with_its_outcome()
    {
        var throttled = new FailingProvider(() => new HttpRequestException("slow down", null, HttpStatusCode.TooManyRequests), failures: 2);
        using var harness = new PipelineHarness(throttled);

        await harness.Client.GetResponseAsync("Hi", new ChatOptions().WithOperation("focus_group_answer"));

        Assert.Equal(3, throttled.Calls);
        Assert.Equal(2, harness.Metrics.Sum(LlmMetrics.RequestsName, ("outcome", "rate_limited"), ("model", "flaky-model")));
        Assert.Equal(1, harness.Metrics.Sum(LlmMetrics.RequestsName, ("outcome", "success")));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "server_error")]
    [InlineData(HttpStatusCode.BadRequest, "client_error")]
    public async Task Failed_calls_are_counted_by_kind(HttpStatusCode status, string outcome)
    {
        var options = PipelineHarness.FastOptions();
        options.Retry.MaxRetries = 0;
        using var harness = new PipelineHarness(new FailingProvider(() => new HttpRequestException("failed", null, status), failures: 1), options);

        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetResponseAsync("Hi"));

        Assert.True(Assert.Single(harness.Metrics.Of(LlmMetrics.RequestsName)).Has("outcome", outcome));
        Assert.Empty(harness.Metrics.Of(LlmMetrics.TokensName));
    }
}

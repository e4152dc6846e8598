using System.Diagnostics;
using MarketResearch.AI.Pipeline;
using MarketResearch.AI.Structured;
using MarketResearch.AI.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MarketResearch.AI.Tests.OpenAI;

/// <summary>The OpenAI-compatible provider through the whole registered pipeline, against a real local HTTP server.</summary>
public sealed class OpenAICompatibleProtocolTests : IAsyncLifetime
{
    private FakeOpenAIServer server = null!;

    public async Task InitializeAsync() => server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Sends_a_chat_completion_request_with_the_configured_model_and_key()
    {
        await using var host = await ResearchAIHost.StartAsync(ResearchAIHost.OpenAICompatible(server));
        server.ThenComplete("I would buy it.");

        var response = await host.Chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are Anna."), new ChatMessage(ChatRole.User, "Would you buy it?")],
            new ChatOptions().WithOperation("focus_group_answer").WithPersona(Personas.Typical).WithSeed(5));

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key", request.Authorization);
        Assert.Equal(FakeOpenAIServer.Model, request.Body.GetProperty("model").GetString());
        Assert.Equal("Would you buy it?", request.Body.GetProperty("messages")[1].GetProperty("content").GetString());
        Assert.Equal("I would buy it.", response.Text);
        Assert.Equal(FakeOpenAIServer.PromptTokens, response.Usage?.InputTokenCount);
        Assert.Equal(FakeOpenAIServer.CompletionTokens, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Our_request_context_never_leaks_into_the_providers_request()
    {
        await using var host = await ResearchAIHost.StartAsync(ResearchAIHost.OpenAICompatible(server));

        await host.Chat.GetResponseAsync("Hi", new ChatOptions().WithOperation("persona_profile").WithPersona(Personas.Typical).WithSeed(5));

        var body = Assert.Single(server.Requests).Body;
        Assert.False(body.TryGetProperty(ResearchChatOptions.PersonaKey, out _));
        Assert.False(body.TryGetProperty(ResearchChatOptions.OperationKey, out _));
        Assert.False(body.TryGetProperty(ResearchChatOptions.SeedKey, out _));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_then_the_call_succeeds()
    {
        await using var host = await ResearchAIHost.StartAsync(ResearchAIHost.OpenAICompatible(server));
        var metrics = new MetricsRecorder(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        server.ThenRateLimited(retryAfter: "1");
        server.ThenComplete("Worth the wait.");

        var response = await host.Chat.GetResponseAsync("Hi", new ChatOptions().WithOperation("survey_answer"));

        Assert.Equal("Worth the wait.", response.Text);
        Assert.Equal(2, server.Requests.Count);
        // The configured back-off is 10 ms: only honouring Retry-After makes the second attempt wait a second.
        Assert.True(ReceivedRequest.Between(server.Requests[0], server.Requests[1]) >= TimeSpan.FromMilliseconds(950));
        Assert.Equal(1, metrics.Sum(LlmMetrics.RequestsName, ("outcome", "rate_limited"), ("operation", "survey_answer"), ("model", FakeOpenAIServer.Model)));
        Assert.Equal(1, metrics.Sum(LlmMetrics.RequestsName, ("outcome", "success"), ("operation", "survey_answer")));
        Assert.Equal(FakeOpenAIServer.CompletionTokens, metrics.Sum(LlmMetrics.TokensName, ("direction", "output")));
        metrics.Dispose();
    }

    [Fact]
    public async Task A_Retry_After_longer_than_allowed_fails_at_once_instead_of_stalling()
    {
        var settings = ResearchAIHost.OpenAICompatible(server);
        settings["Llm:Retry:MaxRetryAfter"] = "00:00:05";
        await using var host = await ResearchAIHost.StartAsync(settings);
        server.ThenRateLimited(retryAfter: "3600");
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => host.Chat.GetResponseAsync("Hi"));

        Assert.Equal(429, failure.Status);
        Assert.Single(server.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Server_errors_are_retried_up_to_the_configured_count()
    {
        await using var host = await ResearchAIHost.StartAsync(ResearchAIHost.OpenAICompatible(server));
        server.ThenFail(503);
        server.ThenFail(500);
        server.ThenFail(502);

        var failure = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => host.Chat.GetResponseAsync("Hi"));

        Assert.Equal(502, failure.Status);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_stalled_provider_is_abandoned_after_the_timeout()
    {
        var settings = ResearchAIHost.OpenAICompatible(server);
        settings["Llm:Timeout"] = "00:00:00.300";
        settings["Llm:Retry:MaxRetries"] = "0";
        await using var host = await ResearchAIHost.StartAsync(settings);
        server.ThenStall(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<LlmTimeoutException>(() => host.Chat.GetResponseAsync("Hi"));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Malformed_json_from_the_provider_is_repaired_without_another_call()
    {
        await using var host = await ResearchAIHost.StartAsync(ResearchAIHost.OpenAICompatible(server));
        server.ThenComplete("Here is my answer:\n```json\n{\"answer\": \"Too pricey for me\", \"sentiment\": -0.6, \"agreesWith\": [\"Tom\",], \"disagreesWith\": [],}\n```");
        var completion = host.Services.GetRequiredService<StructuredCompletion>();

        var answer = await completion.CompleteAsync([new ChatMessage(ChatRole.User, "Thoughts?")], ResearchSchemas.FocusGroupAnswer, "focus_group_answer");

        Assert.Single(server.Requests);
        Assert.Equal(-0.6, answer.Json.GetProperty("sentiment").GetDouble());
        var format = server.Requests[0].Body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("focus_group_answer", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("number", format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("sentiment").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Invalid_then_valid_json_succeeds_on_the_retry_with_the_errors_sent_back()
    {
        await using var host = await ResearchAIHost.StartAsync(ResearchAIHost.OpenAICompatible(server));
        server.ThenComplete("""{"answer": "Yes", "sentiment": 7, "agreesWith": []}""");
        server.ThenComplete("""{"answer": "Yes", "sentiment": 0.7, "agreesWith": [], "disagreesWith": []}""");
        var completion = host.Services.GetRequiredService<StructuredCompletion>();

        var answer = await completion.CompleteAsync([new ChatMessage(ChatRole.User, "Thoughts?")], ResearchSchemas.FocusGroupAnswer, "focus_group_answer");

        Assert.Equal(2, answer.Attempts);
        Assert.Equal(2, server.Requests.Count);
        var feedback = server.Requests[1].Body.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString();
        Assert.Contains("$.sentiment: 7 is above the maximum 1", feedback, StringComparison.Ordinal);
        Assert.Contains("'disagreesWith' is missing", feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_can_come_from_the_same_endpoint()
    {
        var settings = ResearchAIHost.OpenAICompatible(server);
        settings["Llm:EmbeddingProvider"] = "OpenAICompatible";
        settings["Llm:EmbeddingModel"] = "test-embedding";
        await using var host = await ResearchAIHost.StartAsync(settings);
        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["one", "three"]);

        Assert.Equal("/v1/embeddings", Assert.Single(server.Requests).Path);
        Assert.Equal("test-embedding", server.Requests[0].Body.GetProperty("model").GetString());
        Assert.Equal([3f, 1f, 0f], embeddings[0].Vector.ToArray());
        Assert.Equal([5f, 1f, 0f], embeddings[1].Vector.ToArray());
    }
}

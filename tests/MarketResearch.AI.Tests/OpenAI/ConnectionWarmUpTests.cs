using MarketResearch.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MarketResearch.AI.Tests.OpenAI;

/// <summary>Opening connections to the provider ahead of a wave of calls, without a billable request.</summary>
public sealed class ConnectionWarmUpTests : IAsyncLifetime
{
    private const int Connections = 6;
    private FakeOpenAIServer server = null!;

    public async Task InitializeAsync() => server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Warmed_connections_are_opened_by_listing_models_and_then_carry_a_whole_wave_of_calls()
    {
        await using var host = await ResearchAIHost.StartAsync(ResearchAIHost.OpenAICompatible(server));

        // The fake server has no models route: a 404 still answers, and still leaves its connection open.
        var answered = await host.Services.GetRequiredService<OpenAICompatibleEndpoint>().WarmConnectionsAsync(Connections, CancellationToken.None);

        Assert.Equal(Connections, answered);
        var warmUp = server.Seen;
        Assert.All(warmUp, request =>
        {
            Assert.Equal(("GET", "/v1/models", "Bearer test-key"), (request.Method, request.Path, request.Authorization));
        });
        Assert.Empty(server.Requests);
        var warmed = warmUp.Select(request => request.ConnectionId).ToHashSet();
        Assert.Equal(Connections, warmed.Count);

        // As many calls in flight at once as connections warmed: none needs a new one.
        for (var call = 0; call < Connections; call++)
        {
            server.ThenStall(TimeSpan.FromMilliseconds(300));
        }

        await Task.WhenAll(Enumerable.Range(0, Connections).Select(call => host.Chat.GetResponseAsync([new ChatMessage(ChatRole.User, $"Question {call}")])));
        var calls = server.Seen.Skip(warmUp.Count).ToList();
        Assert.Equal(Connections, calls.Count(request => request.Path == "/v1/chat/completions"));
        Assert.Subset(warmed, calls.Select(request => request.ConnectionId).ToHashSet());
    }
}

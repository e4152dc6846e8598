using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketResearch.AI.Tests.OpenAI;

/// <summary>A request the fake provider received, with when it arrived.</summary>
internal sealed record ReceivedRequest(string Path, string? Authorization, JsonElement Body, long ArrivedAt)
{
    public static TimeSpan Between(ReceivedRequest earlier, ReceivedRequest later) => Stopwatch.GetElapsedTime(earlier.ArrivedAt, later.ArrivedAt);
}

/// <summary>Any request as it reached the server, before routing.</summary>
internal sealed record SeenRequest(string Method, string Path, string ConnectionId, string? Authorization);

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, random port) speaking the OpenAI chat completions and embeddings
/// protocol. Each request takes the next scripted reply; with none left it answers a plain completion.
/// </summary>
internal sealed class FakeOpenAIServer : IAsyncDisposable
{
    public const string Model = "test-model";
    public const long PromptTokens = 12;
    public const long CompletionTokens = 34;

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> script = new();
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private readonly ConcurrentQueue<SeenRequest> seen = new();

    private FakeOpenAIServer(WebApplication app) => this.app = app;

    /// <summary>The base address a client is configured with, including the version segment.</summary>
    public Uri Endpoint => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/v1");

    public IReadOnlyList<ReceivedRequest> Requests => received.ToList();

    /// <summary>Every request that reached the server, routed or not, with the connection it came on.</summary>
    public IReadOnlyList<SeenRequest> Seen => seen.ToList();

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeOpenAIServer(builder.Build());
        server.app.Use(async (context, next) =>
        {
            server.seen.Enqueue(new SeenRequest(context.Request.Method, context.Request.Path, context.Connection.Id, context.Request.Headers.Authorization));
            await next(context);
        });
        server.app.MapPost("/v1/chat/completions", server.HandleAsync);
        server.app.MapPost("/v1/embeddings", server.HandleAsync);
        await server.app.StartAsync();
        return server;
    }

    public void Then(Func<HttpContext, Task> reply) => script.Enqueue(reply);

    public void ThenComplete(string content) => Then(context => context.Response.WriteAsJsonAsync(Completion(content)));

    public void ThenRateLimited(string retryAfter) => Then(async context =>
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter;
        await context.Response.WriteAsJsonAsync(new { error = new { message = "Rate limit reached", type = "requests", code = "rate_limit_exceeded" } });
    });

    public void ThenFail(int status) => Then(async context =>
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { error = new { message = "failure", type = "server_error" } });
    });

    public void ThenStall(TimeSpan delay) => Then(async context =>
    {
        await Task.Delay(delay, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(Completion("too late"));
    });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        received.Enqueue(new ReceivedRequest(context.Request.Path, context.Request.Headers.Authorization, body.RootElement.Clone(), arrived));

        if (script.TryDequeue(out var reply))
        {
            await reply(context);
        }
        else if (context.Request.Path.StartsWithSegments("/v1/embeddings"))
        {
            await context.Response.WriteAsJsonAsync(Embeddings(body.RootElement.GetProperty("input")));
        }
        else
        {
            await context.Response.WriteAsJsonAsync(Completion("Hello from the fake provider."));
        }
    }

    private static object Completion(string content) => new
    {
        id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
        @object = "chat.completion",
        created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        model = Model + "-2025-01-01",
        choices = new[]
        {
            new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" },
        },
        usage = new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens },
    };

    private static object Embeddings(JsonElement input)
    {
        var texts = input.ValueKind == JsonValueKind.Array ? input.EnumerateArray().Select(t => t.GetString()!).ToList() : [input.GetString()!];
        return new
        {
            @object = "list",
            model = "test-embedding",
            data = texts.Select((text, index) => new { @object = "embedding", index, embedding = new[] { text.Length, 1f, 0f } }).ToArray(),
            usage = new { prompt_tokens = texts.Count, total_tokens = texts.Count },
        };
    }
}

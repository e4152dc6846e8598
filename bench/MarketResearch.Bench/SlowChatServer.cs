using System.Text.Json;
using MarketResearch.AI;
using MarketResearch.AI.Offline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketResearch.Bench;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 that answers every request after a fixed delay, with
/// content valid for the requested JSON schema (written by the offline simulator), so the stack runs as against a
/// slow real model and the benchmark measures our scheduling, not the model.
/// </summary>
internal sealed class SlowChatServer : IAsyncDisposable
{
    public const string Model = "slow-bench-model";

    private readonly WebApplication _app;
    private readonly OfflineChatClient _writer = new(Options.Create(new LlmOptions()));
    private readonly TimeSpan _delay;
    private readonly System.Collections.Concurrent.ConcurrentQueue<ModelCall> _calls = new();
    private int _inFlight;

    private SlowChatServer(WebApplication app, TimeSpan delay)
    {
        _app = app;
        _delay = delay;
    }

    public Uri Endpoint => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/v1");

    public int Requests;

    public int PeakInFlight;

    public static async Task<SlowChatServer> StartAsync(TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new SlowChatServer(builder.Build(), delay);
        server._app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await server._app.StartAsync();
        return server;
    }

    /// <summary>Every call since the last reset, as the server saw it: the schema asked for and when it came and went.</summary>
    public IReadOnlyList<ModelCall> Calls => [.. _calls.OrderBy(call => call.Start)];

    public void Reset()
    {
        Interlocked.Exchange(ref Requests, 0);
        Interlocked.Exchange(ref PeakInFlight, 0);
        _calls.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref Requests);
        for (var peak = PeakInFlight; now > peak; peak = PeakInFlight)
        {
            Interlocked.CompareExchange(ref PeakInFlight, now, peak);
        }

        var start = DateTimeOffset.UtcNow;
        var schemaName = "text";
        var retry = false;
        string? invalid = null;
        try
        {
            var delay = Task.Delay(_delay, context.RequestAborted);
            // Only the request's bytes are taken now; the reply is composed half-way through the wait and sent when the full
            // delay is up. A real model's work is not on our cores; done on arrival, it competed with the caller's burst.
            using var request = new MemoryStream();
            await context.Request.Body.CopyToAsync(request, context.RequestAborted);
            await Task.Delay(_delay / 2, context.RequestAborted);
            request.Position = 0;
            using var body = await JsonDocument.ParseAsync(request, cancellationToken: context.RequestAborted);
            var messages = body.RootElement.GetProperty("messages").EnumerateArray()
                .Select(message => new ChatMessage(new ChatRole(message.GetProperty("role").GetString()!), Text(message.GetProperty("content")))).ToList();
            var options = new ChatOptions();
            if (body.RootElement.TryGetProperty("response_format", out var format) && format.TryGetProperty("json_schema", out var schema))
            {
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(SchemaBounds.Restore(schema.GetProperty("schema")), schema.TryGetProperty("name", out var name) ? name.GetString() : null);
                schemaName = name.ValueKind == JsonValueKind.String ? name.GetString()! : "json";
            }

            // StructuredCompletion asks again, with the validation errors, when a reply did not fit the schema.
            retry = messages.Any(message => message.Role == ChatRole.Assistant);
            var feedback = retry ? "caller said: " + messages[^1].Text.ReplaceLineEndings(" ") : null;

            var reply = await _writer.GetResponseAsync(messages, options, context.RequestAborted);
            invalid = feedback;
            if (options.ResponseFormat is ChatResponseFormatJson { Schema: { } expected })
            {
                // A reply that does not fit costs the caller another call; say so rather than let it pass as latency.
                try
                {
                    using var written = JsonDocument.Parse(reply.Text);
                    invalid = MarketResearch.AI.Structured.JsonSchemaValidator.Validate(written.RootElement, expected).FirstOrDefault() ?? invalid;
                }
                catch (JsonException error)
                {
                    invalid = error.Message;
                }
            }

            await delay;
            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
                @object = "chat.completion",
                created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                model = Model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Text }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 100, completion_tokens = 60, total_tokens = 160 },
            }, context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _calls.Enqueue(new ModelCall(schemaName, retry, start, DateTimeOffset.UtcNow, invalid));
        }
    }

    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Join('\n', content.EnumerateArray().Where(part => part.TryGetProperty("text", out _)).Select(part => part.GetProperty("text").GetString()));
}

/// <summary>One chat completion as the slow server saw it.</summary>
internal sealed record ModelCall(string Schema, bool Retry, DateTimeOffset Start, DateTimeOffset End, string? Invalid = null);

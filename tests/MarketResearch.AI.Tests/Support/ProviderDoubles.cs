using Microsoft.Extensions.AI;

namespace MarketResearch.AI.Tests.Support;

/// <summary>A provider that answers after a delay, counting how many calls it serves at once.</summary>
internal sealed class SlowProvider(TimeSpan delay, string model = "gpt-test", long inputTokens = 1000, long outputTokens = 500) : IChatClient
{
    private int inFlight;
    private int maxInFlight;
    private int calls;

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public int Calls => Volatile.Read(ref calls);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        var now = Interlocked.Increment(ref inFlight);
        InterlockedMax(ref maxInFlight, now);
        try
        {
            await Task.Delay(delay, cancellationToken);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
            {
                ModelId = model + "-2025-01-01",
                Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens },
            };
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("test", null, model) : null;

    public void Dispose()
    {
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}

/// <summary>A provider that throws the given failure for its first calls, then answers.</summary>
internal sealed class FailingProvider(Func<Exception> failure, int failures) : IChatClient
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Interlocked.Increment(ref calls) <= failures
            ? Task.FromException<ChatResponse>(failure())
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "recovered")));

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("test", null, "flaky-model") : null;

    public void Dispose()
    {
    }
}

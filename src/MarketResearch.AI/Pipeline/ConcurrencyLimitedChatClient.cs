using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MarketResearch.AI.Pipeline;

/// <summary>
/// Lets at most <c>limit</c> calls reach the provider at once; the rest wait their turn. Providers throttle
/// whole accounts, and a 20-persona focus group would otherwise fire every answer at the same moment.
/// </summary>
internal sealed class ConcurrencyLimitedChatClient(IChatClient inner, int limit) : DelegatingChatClient(inner)
{
    private readonly SemaphoreSlim slots = new(limit, limit);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            slots.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            slots.Dispose();
        }

        base.Dispose(disposing);
    }
}

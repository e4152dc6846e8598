using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MarketResearch.AI.Pipeline;

/// <summary>
/// Abandons one attempt that runs past the timeout, so a hung connection becomes a retryable failure.
/// A stream is timed until its first update only: long answers may legitimately take longer to finish.
/// </summary>
internal sealed class AttemptTimeoutChatClient(IChatClient inner, TimeSpan timeout) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            return await base.GetResponseAsync(messages, options, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new LlmTimeoutException(timeout);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var deadline = Deadline(cancellationToken);
        await using var stream = base.GetStreamingResponseAsync(messages, options, deadline.Token).GetAsyncEnumerator(deadline.Token);
        bool more;
        try
        {
            more = await stream.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new LlmTimeoutException(timeout);
        }

        // The model has started answering: from here only the caller may cancel.
        deadline.CancelAfter(Timeout.InfiniteTimeSpan);
        while (more)
        {
            yield return stream.Current;
            more = await stream.MoveNextAsync().ConfigureAwait(false);
        }
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        return deadline;
    }
}

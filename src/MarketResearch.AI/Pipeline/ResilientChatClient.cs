using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;

namespace MarketResearch.AI.Pipeline;

/// <summary>
/// Runs each call through the resilience pipeline. A stream is retried only until its first update:
/// once text has reached the caller, replaying it would duplicate what they already showed.
/// </summary>
internal sealed class ResilientChatClient(IChatClient inner, ResiliencePipeline pipeline) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return pipeline.ExecuteAsync(
            static async (state, token) => await state.Inner.GetResponseAsync(state.Conversation, state.Options, token).ConfigureAwait(false),
            (Inner: InnerClient, Conversation: conversation, Options: options),
            cancellationToken).AsTask();
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversation = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();

        // The stream keeps the caller's token: the pipeline's own token does not outlive this call.
        var (stream, more) = await pipeline.ExecuteAsync(
            async _ =>
            {
                var opened = InnerClient.GetStreamingResponseAsync(conversation, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    return (opened, await opened.MoveNextAsync().ConfigureAwait(false));
                }
                catch
                {
                    await opened.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);

        await using (stream.ConfigureAwait(false))
        {
            while (more)
            {
                yield return stream.Current;
                more = await stream.MoveNextAsync().ConfigureAwait(false);
            }
        }
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MarketResearch.AI.Pipeline;

/// <summary>
/// Records every attempt that reaches the provider: its outcome, duration, tokens and cost. Placed inside
/// the retry loop so a throttled attempt shows up as rate_limited even when a retry later succeeds.
/// </summary>
internal sealed class MeteredChatClient(IChatClient inner, LlmMetrics metrics) : DelegatingChatClient(inner)
{
    private const string UnknownModel = "unknown";
    private const string Success = "success";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = ModelOf(options);
        var operation = options.GetOperation();
        var started = Stopwatch.GetTimestamp();
        var outcome = Success;
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            metrics.RecordUsage(model, operation, response.Usage);
            return response;
        }
        catch (Exception exception)
        {
            outcome = ProviderFailure.OutcomeOf(exception, cancellationToken);
            throw;
        }
        finally
        {
            metrics.RecordRequest(model, operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = ModelOf(options);
        var operation = options.GetOperation();
        var started = Stopwatch.GetTimestamp();
        var usage = new UsageDetails();
        var outcome = Success;
        await using var stream = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception exception)
                {
                    outcome = ProviderFailure.OutcomeOf(exception, cancellationToken);
                    throw;
                }

                foreach (var content in stream.Current.Contents.OfType<UsageContent>())
                {
                    usage.Add(content.Details);
                }

                yield return stream.Current;
            }

            metrics.RecordUsage(model, operation, usage);
        }
        finally
        {
            metrics.RecordRequest(model, operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The model asked for, not the dated variant a provider echoes, so labels and prices stay stable.</summary>
    private string ModelOf(ChatOptions? options) =>
        options?.ModelId ?? this.GetService<ChatClientMetadata>()?.DefaultModelId ?? UnknownModel;
}

using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>
/// Embeds the discussion's turns in the background. A turn's vector is needed for clustering and, once a persona has
/// more answers than it recalls, for ranking its memory; not to start the next round, so the work runs while that
/// round waits on the model instead of before it. A round's turns can be held back (<see cref="Hold"/>) until the next
/// round's calls are on their way, so the two do not compete for the cores; asking for a vector releases everything.
/// </summary>
internal sealed class TurnVectors(IEmbeddingGenerator<string, Embedding<float>> embeddings, CancellationToken cancellationToken)
{
    private readonly ConcurrentDictionary<int, Task<float[]>> _bySequence = new();
    private readonly ConcurrentQueue<TaskCompletionSource> _gates = new();
    private TaskCompletionSource _gate = Released();

    /// <summary>
    /// Turns started from now on wait (when <paramref name="hold"/>) for the next gate; answers the gate in force until
    /// now, for the caller to open. A vector asked for opens every gate.
    /// </summary>
    public TaskCompletionSource Hold(bool hold)
    {
        var gate = hold ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : Released();
        _gates.Enqueue(gate);
        return Interlocked.Exchange(ref _gate, gate);
    }

    /// <summary>Starts embedding the turn (once its gate opens); its <see cref="DiscussionTurn.Embedding"/> is set when done.</summary>
    public void Start(DiscussionTurn turn) => _bySequence[turn.Sequence] = EmbedTurnAsync(turn, Volatile.Read(ref _gate).Task);

    public Task<float[]> Of(DiscussionTurn turn)
    {
        ReleaseAll();
        return _bySequence[turn.Sequence];
    }

    /// <summary>Every turn started so far has its vector.</summary>
    public Task AllAsync()
    {
        ReleaseAll();
        return Task.WhenAll(_bySequence.Values);
    }

    /// <summary>Waits for the work started so far without its outcome: a failed discussion leaves nothing running behind it.</summary>
    public async Task SettleAsync()
    {
        try
        {
            await AllAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The discussion's own failure is the one reported.
        }
    }

    public async Task<float[]> EmbedAsync(string text)
    {
        var generated = await embeddings.GenerateAsync([text], cancellationToken: cancellationToken);
        return generated[0].Vector.ToArray();
    }

    private static TaskCompletionSource Released()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private void ReleaseAll()
    {
        foreach (var gate in _gates)
        {
            gate.TrySetResult();
        }
    }

    private async Task<float[]> EmbedTurnAsync(DiscussionTurn turn, Task gate)
    {
        await gate.WaitAsync(cancellationToken);
        var vector = await EmbedAsync(turn.Text);
        turn.Embedding = vector;
        return vector;
    }
}

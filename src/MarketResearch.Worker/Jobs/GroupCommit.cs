using System.Threading.Channels;

namespace MarketResearch.Worker.Jobs;

/// <summary>
/// Group commit: callers hand in items one by one and wait for their own result; one writer loop sends them in
/// batches (at most <paramref name="maxBatch"/>, after waiting <paramref name="linger"/> for company), so many
/// small writes cost one statement. A failed batch fails each of its callers; later batches go on.
/// </summary>
/// <param name="write">Writes one batch and answers one result per item, in the items' order.</param>
/// <param name="companyExpected">
/// Whether more items may come while the linger lasts (e.g. other jobs still running); when it answers false the batch is
/// written at once, since waiting could only add latency. Null: always linger.
/// </param>
internal sealed class GroupCommit<TItem, TResult>(
    Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, int maxBatch, TimeSpan linger, TimeProvider clock, Func<bool>? companyExpected = null)
{
    // Not SingleReader: that channel cannot count its items, and the linger needs the count.
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>();

    /// <summary>Queues the item for the next batch; completes when that batch is written.</summary>
    public Task<TResult> AddAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The group commit is closed.");
        }

        return pending.Result.Task;
    }

    /// <summary>No more items: the writer loop writes what is queued and ends.</summary>
    public void Close() => _pending.Writer.TryComplete();

    /// <summary>The writer loop; runs until <see cref="Close"/> and everything queued before it is written.</summary>
    public async Task RunAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<Pending>(maxBatch);
        try
        {
            while (await reader.WaitToReadAsync())
            {
                if (linger > TimeSpan.Zero && reader.Count < maxBatch && !reader.Completion.IsCompleted && (companyExpected?.Invoke() ?? true))
                {
                    await Task.Delay(linger, clock);
                }

                while (batch.Count < maxBatch && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await WriteAsync(batch);
                batch.Clear();
            }
        }
        catch (Exception exception)
        {
            // The loop itself broke: no caller may wait forever for a write that will not come.
            _pending.Writer.TryComplete(exception);
            foreach (var pending in batch.Concat(Drain(reader)))
            {
                pending.Result.TrySetException(exception);
            }

            throw;
        }
    }

    private static IEnumerable<Pending> Drain(ChannelReader<Pending> reader)
    {
        while (reader.TryRead(out var pending))
        {
            yield return pending;
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            var results = await write([.. batch.Select(pending => pending.Item)]);
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"The batch writer answered {results.Count} results for {batch.Count} items.");
            }

            for (var index = 0; index < batch.Count; index++)
            {
                batch[index].Result.TrySetResult(results[index]);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in batch)
            {
                pending.Result.TrySetException(exception);
            }
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Result);
}

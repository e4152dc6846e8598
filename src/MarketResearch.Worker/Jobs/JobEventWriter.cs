using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace MarketResearch.Worker.Jobs;

/// <summary>
/// A job's events without holding the job up: one writer stores, in order, whatever has queued since its last write as
/// one insert (twenty answers arriving together cost one statement, not twenty) while the job goes on.
/// <see cref="FlushAsync"/> waits for everything queued and reports a failed write.
/// </summary>
public sealed class JobEventWriter : IAsyncDisposable
{
    private readonly Channel<Func<JobEventData>> _queued = Channel.CreateUnbounded<Func<JobEventData>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly JobContext _job;
    private readonly Task _writing;

    public JobEventWriter(JobContext job, CancellationToken cancellationToken)
    {
        _job = job;
        _writing = Task.Run(() => WriteAsync(cancellationToken), CancellationToken.None);
    }

    /// <summary>Queues an event; its payload is built when written.</summary>
    public void Publish(string type, Func<object> data) => Queue(() => new JobEventData(type, data()));

    // Recorded when written, so the progress a heartbeat persists never runs ahead of the events stored.
    public void Progress(double fraction, string message) => Queue(() => _job.RecordProgress(fraction, message));

    public async Task FlushAsync()
    {
        _queued.Writer.TryComplete();
        await _writing;
    }

    /// <summary>Stops the writer after what is queued; a failure there is FlushAsync's to report, not a disposal's.</summary>
    public async ValueTask DisposeAsync()
    {
        _queued.Writer.TryComplete();
        await Task.WhenAny(_writing);
    }

    private void Queue(Func<JobEventData> item)
    {
        if (!_queued.Writer.TryWrite(item))
        {
            // Closed by a failed write, whose cause is the one to report, or by FlushAsync.
            if (_writing.Exception?.InnerException is { } cause)
            {
                ExceptionDispatchInfo.Throw(cause);
            }

            throw new InvalidOperationException("The job's event writer is closed.");
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<JobEventData>();
            while (await _queued.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_queued.Reader.TryRead(out var item))
                {
                    batch.Add(item());
                }

                await _job.PublishAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        catch (Exception exception)
        {
            _queued.Writer.TryComplete(exception);
            throw;
        }
    }
}

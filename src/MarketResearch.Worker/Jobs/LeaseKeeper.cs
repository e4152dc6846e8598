using System.Collections.Concurrent;
using System.Diagnostics;
using MarketResearch.Domain.Jobs;

namespace MarketResearch.Worker.Jobs;

/// <summary>
/// Heartbeats for all of a worker's running jobs in one statement per beat (a third of the lease). A job is renewed
/// only once it has run for half a beat, so jobs shorter than that never cost a heartbeat. A job whose lease is gone is
/// stopped as lost; a job someone asked to cancel is stopped as cancelled.
/// </summary>
internal sealed partial class LeaseKeeper(IServiceScopeFactory scopes, string workerId, TimeSpan leaseDuration, TimeProvider clock, ILogger logger)
{
    private readonly ConcurrentDictionary<RunningLease, byte> _running = new();

    public TimeSpan Beat => leaseDuration / 3;

    private TimeProvider Clock => clock;

    /// <summary>Starts watching a claimed job's lease; dispose the answer when the run ends.</summary>
    public RunningLease Track(ClaimedJob job, JobContext context, CancellationToken stoppingToken)
    {
        var lease = new RunningLease(this, job, context, stoppingToken);
        _running.TryAdd(lease, 0);
        return lease;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Beat, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RenewAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The worker is stopping; running jobs release their leases themselves.
        }
    }

    /// <summary>One beat: renews every lease that is due, then stops the runs whose lease is lost or whose job is cancelled.</summary>
    internal async Task RenewAsync(CancellationToken cancellationToken)
    {
        var due = _running.Keys.Where(lease => !lease.Finishing && lease.Age >= Beat / 2).ToList();
        if (due.Count == 0)
        {
            return;
        }

        IReadOnlyList<LeaseState> held;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            held = await scope.ServiceProvider.GetRequiredService<JobQueue>().RenewLeasesAsync(
                workerId, [.. due.Select(lease => new LeaseRenewal(lease.JobId, lease.Attempt, lease.Context.Progress, lease.Context.ProgressMessage))], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A missed beat is survivable: the lease lasts three beats.
            LogRenewalFailed(logger, due.Count, exception);
            return;
        }

        var states = held.ToDictionary(state => (state.JobId, state.Attempt));
        foreach (var lease in due)
        {
            if (lease.Finishing)
            {
                // Its completion is being written (and may already have ended the lease): the completion decides.
                continue;
            }

            if (!states.TryGetValue((lease.JobId, lease.Attempt), out var state))
            {
                lease.Stop(lost: true);
            }
            else if (state.CancelRequested)
            {
                lease.Stop(lost: false);
            }
        }
    }

    private void Forget(RunningLease lease) => _running.TryRemove(lease, out _);

    /// <summary>One run's lease as the worker sees it: a token that stops the handler, and why it was stopped.</summary>
    internal sealed class RunningLease : IDisposable
    {
        private readonly LeaseKeeper _keeper;
        private readonly CancellationTokenSource _stop;
        private readonly long _startedAt;
        private volatile bool _lost;
        private volatile bool _cancelRequested;
        private volatile bool _finishing;

        public RunningLease(LeaseKeeper keeper, ClaimedJob job, JobContext context, CancellationToken stoppingToken)
        {
            _keeper = keeper;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _startedAt = keeper.Clock.GetTimestamp();
            JobId = job.Id;
            Attempt = job.Attempt;
            Context = context;
        }

        public Guid JobId { get; }
        public int Attempt { get; }
        public JobContext Context { get; }
        public CancellationToken Token => _stop.Token;
        public TimeSpan Age => _keeper.Clock.GetElapsedTime(_startedAt);
        public bool Lost => _lost;
        public bool CancelRequested => _cancelRequested;
        public bool Finishing => _finishing;

        /// <summary>The handler is done: from now on the completion statement, not a heartbeat, speaks for the lease.</summary>
        public void Finish() => _finishing = true;

        public void Stop(bool lost)
        {
            if (lost)
            {
                _lost = true;
            }
            else
            {
                _cancelRequested = true;
            }

            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended between the beat and now.
            }
            catch (AggregateException exception)
            {
                // A handler's cancellation callback threw; the run's own error handling reports its outcome.
                Debug.WriteLine(exception);
            }
        }

        public void Dispose()
        {
            _keeper.Forget(this);
            _stop.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the leases of {Count} running job(s) failed")]
    private static partial void LogRenewalFailed(ILogger logger, int count, Exception exception);
}

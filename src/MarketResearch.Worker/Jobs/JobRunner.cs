using System.Diagnostics;
using System.Text.Json;
using MarketResearch.Domain.Jobs;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Jobs;

/// <summary>
/// Claims and runs jobs, up to the configured concurrency, woken by NOTIFY and polling as a fallback. One statement claims
/// a job for every free slot (and stores their "Running" events); successful runs are completed in batches (group
/// commit, with their final events); one heartbeat statement per beat keeps the leases of the jobs that run long.
/// Losing a lease or a cancel request stops the handler through its cancellation token.
/// </summary>
internal sealed partial class JobRunner(
    IServiceScopeFactory scopes,
    IEnumerable<IJobHandler> handlers,
    JobEvents events,
    JobMetrics metrics,
    JobWakeUps wakeUps,
    ProjectReadInvalidation readInvalidation,
    IOptions<JobRunnerOptions> options,
    IOptions<JobQueueOptions> queueOptions,
    TimeProvider clock,
    ILogger<JobRunner> logger) : BackgroundService
{
    private static readonly ActivitySource Activity = new("MarketResearch.Jobs");
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(handler => handler.JobType, StringComparer.Ordinal);
    private readonly string _workerId = WorkerIdentity.Create();

    // Runs whose handler is still executing: only they can bring a completion worth lingering for.
    private int _executing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.Concurrency, settings.Concurrency);
        var completions = new GroupCommit<JobCompletion, StatusEvent?>(
            WriteCompletionsAsync, settings.CompletionBatchSize, settings.CompletionFlushDelay, clock, () => Volatile.Read(ref _executing) > 0);
        var leases = new LeaseKeeper(scopes, _workerId, queueOptions.Value.LeaseDuration, clock, logger);
        var writing = completions.RunAsync();
        var renewing = leases.RunAsync(stoppingToken);
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < settings.ClaimBatchSize && slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                IReadOnlyList<ClaimedJob> jobs;
                try
                {
                    jobs = await ClaimAsync(free, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogClaimFailed(logger, exception);
                    jobs = [];
                }

                if (jobs.Count < free)
                {
                    slots.Release(free - jobs.Count);
                }

                if (jobs.Count == 0)
                {
                    await wakeUps.WaitAsync(settings.PollInterval, stoppingToken);
                    continue;
                }

                running.RemoveAll(task => task.IsCompleted);
                foreach (var job in jobs)
                {
                    running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await RunAsync(job, completions, leases, stoppingToken);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the running jobs release their leases below.
        }
        finally
        {
            try
            {
                await Task.WhenAll(running);
            }
            finally
            {
                // Completions of runs that finished before the stop are still written; then the loops end.
                completions.Close();
                await writing;
                await renewing;
            }
        }
    }

    private async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JobQueue>().ClaimAsync(_workerId, _handlers.Keys, limit, cancellationToken);
    }

    /// <summary>One completion statement for a batch of successful runs; null for each run whose lease was lost.</summary>
    private async Task<IReadOnlyList<StatusEvent?>> WriteCompletionsAsync(IReadOnlyList<JobCompletion> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Not cancellable: the runs are done, and a completion cut off halfway would only make them run again.
        var completed = await scope.ServiceProvider.GetRequiredService<JobQueue>().CompleteAsync(_workerId, batch, CancellationToken.None);
        var byRun = completed.ToDictionary(entry => (entry.JobId, entry.Attempt));
        return [.. batch.Select(completion => byRun.GetValueOrDefault((completion.JobId, completion.Attempt)))];
    }

    private async Task RunAsync(ClaimedJob job, GroupCommit<JobCompletion, StatusEvent?> completions, LeaseKeeper leases, CancellationToken stoppingToken)
    {
        using var activity = Activity.StartActivity($"job {job.Type}");
        activity?.SetTag("job.id", job.Id);
        activity?.SetTag("job.attempt", job.Attempt);
        var handler = _handlers[job.Type];
        var context = new JobContext(job.Id, job.ProjectId, job.CreatedBy, job.Attempt, job.Payload, events);
        var run = new JobRun(job.Id, job.Attempt, _workerId);
        using var lease = leases.Track(job, context, stoppingToken);
        var started = Stopwatch.GetTimestamp();
        string outcome;
        StatusEvent? final = null;
        try
        {
            // The claim stored this event; subscribers hear it now.
            events.Announce(job.Id, job.RunningEventId, "status", new { status = nameof(JobStatus.Running), attempt = job.Attempt });
            object? result;
            Interlocked.Increment(ref _executing);
            try
            {
                result = await handler.ExecuteAsync(context, lease.Token);
            }
            finally
            {
                Interlocked.Decrement(ref _executing);
            }

            lease.Token.ThrowIfCancellationRequested();
            if (handler is IChangesProjectReads changes && job.ProjectId is { } projectId)
            {
                // A failure here fails the attempt: the retry rewrites the same effects and invalidates again.
                await readInvalidation.InvalidateAsync(projectId, changes.ChangedReadAreas);
            }

            lease.Finish();
            final = await completions.AddAsync(new JobCompletion(job.Id, job.Attempt, result is null ? null : JsonSerializer.Serialize(result)));
            outcome = final is null ? "lease_lost" : "succeeded";
        }
        catch (OperationCanceledException) when (lease.CancelRequested)
        {
            outcome = "cancelled";
            final = await WithQueueAsync(queue => queue.MarkCancelledAsync(run, CancellationToken.None));
        }
        catch (OperationCanceledException) when (lease.Lost)
        {
            // Another worker owns the job now; whatever this run wrote is idempotent and will be rewritten.
            outcome = "lease_lost";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            outcome = "released";
            final = await WithQueueAsync(queue => queue.ReleaseAsync(run, CancellationToken.None));
        }
        catch (Exception exception)
        {
            (outcome, final) = await RecordFailureAsync(job, run, exception);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        }

        metrics.Finished(job.Type, outcome, Stopwatch.GetElapsedTime(started));
        if (final is not null)
        {
            // Stored by the statement that changed the status, so the stream and the row always agree.
            events.Announce(job.Id, final.EventId, "status", new { status = final.Status.ToString(), error = final.Error, attempt = final.Attempt });
        }
    }

    private async Task<(string Outcome, StatusEvent? Final)> RecordFailureAsync(ClaimedJob job, JobRun run, Exception exception)
    {
        metrics.Failed(job.Type);
        var retryable = exception is not JobPayloadException;
        // The innermost cause is what an operator needs ("duplicate key …"), not only the wrapper's message.
        var cause = exception.GetBaseException();
        var message = ReferenceEquals(cause, exception) ? exception.Message : $"{exception.Message} ({cause.Message})";
        var final = await WithQueueAsync(queue => queue.FailAsync(run, message, retryable, queue.Backoff(job.Attempt), CancellationToken.None));
        LogJobFailed(logger, job.Type, job.Id, job.Attempt, final?.Status.ToString() ?? "lease lost", exception);
        if (final?.Status == JobStatus.DeadLettered)
        {
            metrics.DeadLettered(job.Type);
        }

        var outcome = final?.Status switch
        {
            JobStatus.Queued => "retrying",
            JobStatus.DeadLettered => "dead_lettered",
            JobStatus.Failed => "failed",
            _ => "lease_lost",
        };
        return (outcome, final);
    }

    private async Task<StatusEvent?> WithQueueAsync(Func<JobQueue, Task<StatusEvent?>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<JobQueue>());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming jobs failed")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Type} {JobId} failed on attempt {Attempt}; now {Status}")]
    private static partial void LogJobFailed(ILogger logger, string type, Guid jobId, int attempt, string status, Exception exception);
}

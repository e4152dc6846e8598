using System.Diagnostics;
using System.Threading.Channels;
using MarketResearch.Domain.Jobs;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Jobs;

/// <summary>
/// Claims and runs jobs, up to the configured concurrency, woken by NOTIFY and polling as a fallback. Each running job
/// heartbeats its lease; losing the lease or a cancel request stops the handler through its cancellation token.
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
    ILogger<JobRunner> logger) : BackgroundService
{
    private static readonly ActivitySource Activity = new("MarketResearch.Jobs");
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(handler => handler.JobType, StringComparer.Ordinal);
    private readonly string _workerId = WorkerIdentity.Create();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(options.Value.Concurrency, options.Value.Concurrency);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            await slots.WaitAsync(stoppingToken);
            Job? job;
            try
            {
                job = await ClaimAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogClaimFailed(logger, exception);
                job = null;
            }

            if (job is null)
            {
                slots.Release();
                await wakeUps.WaitAsync(options.Value.PollInterval, stoppingToken);
                continue;
            }

            running.RemoveAll(task => task.IsCompleted);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await RunAsync(job, stoppingToken);
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }

        await Task.WhenAll(running);
    }

    private async Task<Job?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JobQueue>().ClaimAsync(_workerId, _handlers.Keys, cancellationToken);
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        using var activity = Activity.StartActivity($"job {job.Type}");
        activity?.SetTag("job.id", job.Id);
        activity?.SetTag("job.attempt", job.Attempts);
        var handler = _handlers[job.Type];
        var context = new JobContext(job.Id, job.ProjectId, job.CreatedBy, job.Attempts, job.Payload, events);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var lease = new LeaseWatch();
        var heartbeat = HeartbeatAsync(job, context, lease, stop);
        var started = Stopwatch.GetTimestamp();
        var outcome = "succeeded";

        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        try
        {
            await events.PublishAsync(job.Id, "status", new { status = nameof(JobStatus.Running), attempt = job.Attempts }, stop.Token);
            var result = await handler.ExecuteAsync(context, stop.Token);
            stop.Token.ThrowIfCancellationRequested();
            if (handler is IChangesProjectReads changes && job.ProjectId is { } projectId)
            {
                // A failure here fails the attempt: the retry rewrites the same effects and invalidates again.
                await readInvalidation.InvalidateAsync(projectId, changes.ChangedReadAreas);
            }

            if (!await queue.CompleteAsync(job.Id, _workerId, result, CancellationToken.None))
            {
                outcome = "lease_lost";
            }
        }
        catch (OperationCanceledException) when (lease.CancelRequested)
        {
            outcome = "cancelled";
            await queue.MarkCancelledAsync(job.Id, _workerId, CancellationToken.None);
        }
        catch (OperationCanceledException) when (lease.Lost)
        {
            // Another worker owns the job now; whatever this run wrote is idempotent and will be rewritten.
            outcome = "lease_lost";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            outcome = "released";
            await queue.ReleaseAsync(job.Id, _workerId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            outcome = await RecordFailureAsync(queue, job, exception);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeat;
        }

        metrics.Finished(job.Type, outcome, Stopwatch.GetElapsedTime(started));
        if (outcome != "lease_lost")
        {
            await PublishFinalStatusAsync(queue, job.Id);
        }
    }

    private async Task<string> RecordFailureAsync(JobQueue queue, Job job, Exception exception)
    {
        metrics.Failed(job.Type);
        var retryable = exception is not JobPayloadException;
        // The innermost cause is what an operator needs ("duplicate key …"), not only the wrapper's message.
        var cause = exception.GetBaseException();
        var message = ReferenceEquals(cause, exception) ? exception.Message : $"{exception.Message} ({cause.Message})";
        var status = await queue.FailAsync(job.Id, _workerId, message, retryable, CancellationToken.None);
        LogJobFailed(logger, job.Type, job.Id, job.Attempts, status?.ToString() ?? "lease lost", exception);
        if (status == JobStatus.DeadLettered)
        {
            metrics.DeadLettered(job.Type);
        }

        return status switch
        {
            JobStatus.Queued => "retrying",
            JobStatus.DeadLettered => "dead_lettered",
            JobStatus.Failed => "failed",
            _ => "lease_lost",
        };
    }

    private async Task PublishFinalStatusAsync(JobQueue queue, Guid jobId)
    {
        var job = await queue.FindAsync(jobId, CancellationToken.None);
        if (job is not null)
        {
            await events.PublishAsync(jobId, "status", new { status = job.Status.ToString(), error = job.Error, attempt = job.Attempts }, CancellationToken.None);
        }
    }

    /// <summary>Renews the lease a few times per lease period and carries progress to the job row.</summary>
    private async Task HeartbeatAsync(Job job, JobContext context, LeaseWatch lease, CancellationTokenSource stop)
    {
        var interval = queueOptions.Value.LeaseDuration / 3;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, stop.Token);
                await using var scope = scopes.CreateAsyncScope();
                var beat = await scope.ServiceProvider.GetRequiredService<JobQueue>()
                    .HeartbeatAsync(job.Id, _workerId, context.Progress, context.ProgressMessage, stop.Token);
                if (beat is null)
                {
                    lease.Lost = true;
                    await stop.CancelAsync();
                }
                else if (beat.CancelRequested)
                {
                    lease.CancelRequested = true;
                    await stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished or is stopping.
        }
        catch (Exception exception)
        {
            // A missed beat is survivable: the lease lasts three intervals.
            LogHeartbeatFailed(logger, job.Id, exception);
        }
    }

    private sealed class LeaseWatch
    {
        public volatile bool Lost;
        public volatile bool CancelRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming a job failed")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Type} {JobId} failed on attempt {Attempt}; now {Status}")]
    private static partial void LogJobFailed(ILogger logger, string type, Guid jobId, int attempt, string status, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of job {JobId} failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Guid jobId, Exception exception);
}

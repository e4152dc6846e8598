using System.Text.Json;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Domain.Jobs;

/// <summary>
/// The durable job queue in Postgres: FOR UPDATE SKIP LOCKED claims, leases renewed by heartbeats, retries with
/// exponential backoff and jitter, a dead letter after the last attempt, cancellation, priorities.
/// </summary>
public sealed class JobQueue(ResearchDbContext db, IOptions<JobQueueOptions> options, TimeProvider clock)
{
    /// <summary>Adds a job to the caller's unit of work; it becomes visible, and wakes a worker, when that commits.</summary>
    public Job Enqueue(string type, object payload, Guid createdBy, Guid? projectId = null, int priority = 0, int? maxAttempts = null)
    {
        var now = clock.GetUtcNow();
        var job = new Job
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = projectId,
            CreatedBy = createdBy,
            Type = type,
            Payload = JsonSerializer.SerializeToDocument(payload),
            Status = JobStatus.Queued,
            Priority = priority,
            MaxAttempts = maxAttempts ?? options.Value.DefaultMaxAttempts,
            RunAfter = now,
            CreatedAt = now,
        };
        db.Jobs.Add(job);
        return job;
    }

    /// <summary>Saves the unit of work holding new jobs and notifies workers in the same transaction.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            // NOTIFY is delivered at commit, so a worker never wakes for a job it cannot see yet.
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({JobChannels.Queued}, '')", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    /// <summary>Takes the most urgent runnable job, if any; concurrent workers never get the same one.</summary>
    public async Task<Job?> ClaimAsync(string workerId, IReadOnlyCollection<string> types, CancellationToken cancellationToken)
    {
        var lease = options.Value.LeaseDuration;
        var typeList = types.ToArray();
        var claimed = await db.Jobs.FromSql($"""
            UPDATE jobs SET status = 'Running', lease_owner = {workerId}, lease_expires_at = now() + {lease},
                attempts = attempts + 1, started_at = coalesce(started_at, now())
            WHERE id = (
                SELECT id FROM jobs
                WHERE status = 'Queued' AND run_after <= now() AND type = ANY({typeList})
                ORDER BY priority DESC, run_after, id
                FOR UPDATE SKIP LOCKED
                LIMIT 1)
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        return claimed.SingleOrDefault();
    }

    /// <summary>Extends the lease. Null means the lease is gone (reclaimed or finished): stop working on the job.</summary>
    public async Task<HeartbeatResult?> HeartbeatAsync(Guid jobId, string workerId, double? progress, string? message, CancellationToken cancellationToken)
    {
        var lease = options.Value.LeaseDuration;
        var rows = await db.Database.SqlQuery<bool>($"""
            UPDATE jobs SET lease_expires_at = now() + {lease},
                progress = coalesce({progress}, progress), progress_message = coalesce({message}, progress_message)
            WHERE id = {jobId} AND lease_owner = {workerId} AND status = 'Running'
            RETURNING cancel_requested AS "Value"
            """).ToListAsync(cancellationToken);
        return rows.Count == 1 ? new HeartbeatResult(rows[0]) : null;
    }

    /// <summary>Marks success; false when another worker owns the job now (this run's effects must be idempotent).</summary>
    public async Task<bool> CompleteAsync(Guid jobId, string workerId, object? result, CancellationToken cancellationToken)
    {
        var resultJson = result is null ? null : JsonSerializer.Serialize(result);
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = 'Succeeded', progress = 1, finished_at = now(), lease_owner = NULL, lease_expires_at = NULL,
                result = {resultJson}::jsonb, error = NULL
            WHERE id = {jobId} AND lease_owner = {workerId} AND status = 'Running'
            """, cancellationToken);
        return updated == 1;
    }

    /// <summary>Records a failure: back to the queue after a backoff, or to the dead letter after the last attempt.</summary>
    public async Task<JobStatus?> FailAsync(Guid jobId, string workerId, string error, bool retryable, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(row => row.Id == jobId, cancellationToken);
        if (job is null || job.LeaseOwner != workerId || job.Status != JobStatus.Running)
        {
            return null;
        }

        var next = !retryable ? JobStatus.Failed : job.Attempts >= job.MaxAttempts ? JobStatus.DeadLettered : JobStatus.Queued;
        var runAfter = clock.GetUtcNow() + Backoff(job.Attempts);
        var truncated = error.Length > 4000 ? error[..4000] : error;
        var nextText = next.ToString();
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = {nextText}, error = {truncated}, lease_owner = NULL, lease_expires_at = NULL,
                run_after = {runAfter}, finished_at = CASE WHEN {nextText} = 'Queued' THEN NULL ELSE now() END
            WHERE id = {jobId} AND lease_owner = {workerId} AND status = 'Running'
            """, cancellationToken);
        return updated == 1 ? next : null;
    }

    /// <summary>Ends a running job as cancelled, at its worker's request after it saw the cancel flag.</summary>
    public async Task<bool> MarkCancelledAsync(Guid jobId, string workerId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = 'Cancelled', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = {jobId} AND lease_owner = {workerId} AND status = 'Running'
            """, cancellationToken) == 1;

    /// <summary>Hands a job back untouched when its worker shuts down gracefully: the attempt does not count.</summary>
    public async Task<bool> ReleaseAsync(Guid jobId, string workerId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = 'Queued', attempts = greatest(attempts - 1, 0), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = {jobId} AND lease_owner = {workerId} AND status = 'Running'
            """, cancellationToken) == 1;

    /// <summary>Cancels at once when queued; asks the worker to stop when running. Returns the status after the request.</summary>
    public async Task<JobStatus?> RequestCancelAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = CASE WHEN status = 'Queued' THEN 'Cancelled' ELSE status END,
                finished_at = CASE WHEN status = 'Queued' THEN now() ELSE finished_at END,
                cancel_requested = CASE WHEN status = 'Running' THEN true ELSE cancel_requested END
            WHERE id = {jobId}
            """, cancellationToken);
        return await db.Jobs.AsNoTracking().Where(job => job.Id == jobId).Select(job => (JobStatus?)job.Status).FirstOrDefaultAsync(cancellationToken);
    }

    public Task<Job?> FindAsync(Guid jobId, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking().FirstOrDefaultAsync(job => job.Id == jobId, cancellationToken);

    /// <summary>Jobs whose worker stopped heartbeating go back to the queue (or to the dead letter if out of attempts).</summary>
    public Task<int> ReclaimExpiredAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'DeadLettered' ELSE 'Queued' END,
                finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
                error = coalesce(error, 'The worker running this job stopped responding.'),
                lease_owner = NULL, lease_expires_at = NULL
            WHERE status = 'Running' AND lease_expires_at < now()
            """, cancellationToken);

    /// <summary>Exponential backoff with equal jitter: half the delay fixed, half random, so retries do not stampede.</summary>
    public TimeSpan Backoff(int attempt) => RetryBackoff.Delay(attempt, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay, Random.Shared);
}

public sealed record HeartbeatResult(bool CancelRequested);

public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var full = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((full / 2) + (random.NextDouble() * full / 2));
    }
}

using System.Text.Json;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace MarketResearch.Domain.Jobs;

/// <summary>
/// The durable job queue in Postgres: FOR UPDATE SKIP LOCKED claims, leases renewed by heartbeats, retries with
/// exponential backoff and jitter, a dead letter after the last attempt, cancellation, priorities.
/// </summary>
public sealed class JobQueue(ResearchDbContext db, IOptions<JobQueueOptions> options, TimeProvider clock)
{
    private const int MaxErrorLength = 4000;

    /// <summary>Follows a CTE named "done" that returns (id, status, error, attempts) of finished rows: stores their status events.</summary>
    private const string StatusEventSql = """

        INSERT INTO job_events (job_id, type, data, created_at)
        SELECT id, 'status', jsonb_build_object('status', status, 'error', error, 'attempt', attempts), now() FROM done
        RETURNING job_id, id, data->>'status', data->>'error', (data->>'attempt')::int
        """;

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

    /// <summary>
    /// Saves the unit of work holding new jobs. The jobs table's insert trigger notifies the workers, at commit, so a worker
    /// never wakes for a job it cannot see yet; a lone job is one round trip (EF wraps several statements in a transaction).
    /// </summary>
    public Task CommitAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="limit"/> of the most urgent runnable jobs and stores each one's "Running" event, all in
    /// one statement; concurrent workers never get the same job. Each claim counts an attempt, and the attempt number is
    /// the lease token every later statement of this run must present.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string workerId, IReadOnlyCollection<string> types, int limit, CancellationToken cancellationToken)
    {
        // ARRAY(...) locks exactly the subquery's LIMIT rows first; SKIP LOCKED passes over rows another claim holds,
        // and a row another claim already changed fails the status re-check under READ COMMITTED.
        const string Sql = """
            WITH claimed AS (
                UPDATE jobs SET status = 'Running', lease_owner = @owner, lease_expires_at = now() + @lease,
                    attempts = attempts + 1, started_at = coalesce(started_at, now())
                WHERE id = ANY(ARRAY(
                    SELECT id FROM jobs
                    WHERE status = 'Queued' AND run_after <= now() AND type = ANY(@types)
                    ORDER BY priority DESC, run_after, id
                    FOR UPDATE SKIP LOCKED
                    LIMIT @limit))
                RETURNING id, project_id, created_by, type, payload, attempts, priority, run_after),
            running AS (
                INSERT INTO job_events (job_id, type, data, created_at)
                SELECT id, 'status', jsonb_build_object('status', 'Running', 'attempt', attempts), now() FROM claimed
                RETURNING id, job_id)
            SELECT c.id, c.project_id, c.created_by, c.type, c.payload::text, c.attempts, r.id
            FROM claimed c JOIN running r ON r.job_id = c.id
            ORDER BY c.priority DESC, c.run_after, c.id
            """;
        return await db.QueryAsync(Sql, command =>
        {
            command.Parameters.AddWithValue("owner", workerId);
            command.Parameters.AddWithValue("lease", options.Value.LeaseDuration);
            command.Parameters.AddWithValue("types", types.ToArray());
            command.Parameters.AddWithValue("limit", limit);
        }, reader => new ClaimedJob(
            reader.GetGuid(0),
            reader.IsDBNull(1) ? null : reader.GetGuid(1),
            reader.GetGuid(2),
            reader.GetString(3),
            JsonDocument.Parse(reader.GetString(4)),
            reader.GetInt32(5),
            reader.GetInt64(6)), cancellationToken);
    }

    /// <summary>
    /// Extends the leases of running jobs and stores their progress, in one statement for all of them. Returns the jobs
    /// this worker still holds, each with its cancel flag; a job missing from the answer was lost (reclaimed or finished).
    /// </summary>
    public async Task<IReadOnlyList<LeaseState>> RenewLeasesAsync(string workerId, IReadOnlyList<LeaseRenewal> renewals, CancellationToken cancellationToken)
    {
        if (renewals.Count == 0)
        {
            return [];
        }

        // Rows are locked in id order first, so this statement and a completion batch can never deadlock.
        const string Sql = """
            UPDATE jobs j SET lease_expires_at = now() + @lease,
                progress = i.progress, progress_message = coalesce(i.message, j.progress_message)
            FROM unnest(@ids, @attempts, @progress, @messages) AS i(id, attempt, progress, message)
            WHERE j.id = ANY(ARRAY(SELECT id FROM jobs WHERE id = ANY(@ids) ORDER BY id FOR UPDATE))
                AND j.id = i.id AND j.attempts = i.attempt AND j.lease_owner = @owner AND j.status = 'Running'
            RETURNING j.id, j.attempts, j.cancel_requested
            """;
        return await db.QueryAsync(Sql, command =>
        {
            command.Parameters.AddWithValue("owner", workerId);
            command.Parameters.AddWithValue("lease", options.Value.LeaseDuration);
            command.Parameters.AddWithValue("ids", renewals.Select(renewal => renewal.JobId).ToArray());
            command.Parameters.AddWithValue("attempts", renewals.Select(renewal => renewal.Attempt).ToArray());
            command.Parameters.AddWithValue("progress", renewals.Select(renewal => renewal.Progress).ToArray());
            command.Parameters.Add(new NpgsqlParameter<string?[]>("messages", NpgsqlDbType.Array | NpgsqlDbType.Text)
            {
                TypedValue = renewals.Select(renewal => renewal.Message).ToArray(),
            });
        }, reader => new LeaseState(reader.GetGuid(0), reader.GetInt32(1), reader.GetBoolean(2)), cancellationToken);
    }

    /// <summary>
    /// Marks a batch of runs successful and stores each one's final status event, in one statement. Only runs whose
    /// lease this worker still holds (same owner, same attempt, still running) are completed, so a job is never
    /// completed twice; the answer lists those, and a run missing from it lost its job to another attempt.
    /// </summary>
    public async Task<IReadOnlyList<StatusEvent>> CompleteAsync(string workerId, IReadOnlyList<JobCompletion> completions, CancellationToken cancellationToken)
    {
        if (completions.Count == 0)
        {
            return [];
        }

        const string Sql = """
            WITH done AS (
                UPDATE jobs j SET status = 'Succeeded', progress = 1, finished_at = now(), lease_owner = NULL, lease_expires_at = NULL,
                    result = i.result::jsonb, error = NULL
                FROM unnest(@ids, @attempts, @results) AS i(id, attempt, result)
                WHERE j.id = ANY(ARRAY(SELECT id FROM jobs WHERE id = ANY(@ids) ORDER BY id FOR UPDATE))
                    AND j.id = i.id AND j.attempts = i.attempt AND j.lease_owner = @owner AND j.status = 'Running'
                RETURNING j.id, j.status, j.error, j.attempts)
            """ + StatusEventSql;
        return await db.QueryAsync(Sql, command =>
        {
            command.Parameters.AddWithValue("owner", workerId);
            command.Parameters.AddWithValue("ids", completions.Select(completion => completion.JobId).ToArray());
            command.Parameters.AddWithValue("attempts", completions.Select(completion => completion.Attempt).ToArray());
            command.Parameters.Add(new NpgsqlParameter<string?[]>("results", NpgsqlDbType.Array | NpgsqlDbType.Text)
            {
                TypedValue = completions.Select(completion => completion.ResultJson).ToArray(),
            });
        }, ReadStatusEvent, cancellationToken);
    }

    /// <summary>
    /// Records a failed attempt with its status event: back to the queue after <paramref name="backoff"/>, or to the dead
    /// letter after the last attempt, or failed for good when not retryable. Null when the lease was lost.
    /// </summary>
    public async Task<StatusEvent?> FailAsync(JobRun run, string error, bool retryable, TimeSpan backoff, CancellationToken cancellationToken)
    {
        const string Sql = """
            WITH done AS (
                UPDATE jobs SET
                    status = CASE WHEN NOT @retryable THEN 'Failed' WHEN attempts >= max_attempts THEN 'DeadLettered' ELSE 'Queued' END,
                    finished_at = CASE WHEN @retryable AND attempts < max_attempts THEN NULL ELSE now() END,
                    error = @error, lease_owner = NULL, lease_expires_at = NULL, run_after = now() + @backoff
                WHERE id = @id AND attempts = @attempt AND lease_owner = @owner AND status = 'Running'
                RETURNING id, status, error, attempts)
            """ + StatusEventSql;
        var truncated = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        return await FinishAsync(Sql, run, command =>
        {
            command.Parameters.AddWithValue("retryable", retryable);
            command.Parameters.AddWithValue("error", truncated);
            command.Parameters.AddWithValue("backoff", backoff);
        }, cancellationToken);
    }

    /// <summary>Ends a running job as cancelled, with its status event, at its worker's request after it saw the cancel flag.</summary>
    public Task<StatusEvent?> MarkCancelledAsync(JobRun run, CancellationToken cancellationToken) => FinishAsync("""
        WITH done AS (
            UPDATE jobs SET status = 'Cancelled', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @id AND attempts = @attempt AND lease_owner = @owner AND status = 'Running'
            RETURNING id, status, error, attempts)
        """ + StatusEventSql, run, _ => { }, cancellationToken);

    /// <summary>Hands a job back untouched when its worker shuts down gracefully: the attempt does not count.</summary>
    public Task<StatusEvent?> ReleaseAsync(JobRun run, CancellationToken cancellationToken) => FinishAsync("""
        WITH done AS (
            UPDATE jobs SET status = 'Queued', attempts = greatest(attempts - 1, 0), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @id AND attempts = @attempt AND lease_owner = @owner AND status = 'Running'
            RETURNING id, status, error, attempts)
        """ + StatusEventSql, run, _ => { }, cancellationToken);

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
    /// <remarks>Rows a worker is completing or renewing right now are skipped (and looked at again next time), so this never waits on, or deadlocks with, a batch.</remarks>
    public Task<int> ReclaimExpiredAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'DeadLettered' ELSE 'Queued' END,
                finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
                error = coalesce(error, 'The worker running this job stopped responding.'),
                lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ANY(ARRAY(
                SELECT id FROM jobs WHERE status = 'Running' AND lease_expires_at < now() FOR UPDATE SKIP LOCKED))
            """, cancellationToken);

    /// <summary>Exponential backoff with equal jitter: half the delay fixed, half random, so retries do not stampede.</summary>
    public TimeSpan Backoff(int attempt) => RetryBackoff.Delay(attempt, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay, Random.Shared);

    private async Task<StatusEvent?> FinishAsync(string sql, JobRun run, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        var finished = await db.QueryAsync(sql, command =>
        {
            command.Parameters.AddWithValue("id", run.JobId);
            command.Parameters.AddWithValue("attempt", run.Attempt);
            command.Parameters.AddWithValue("owner", run.WorkerId);
            parameters(command);
        }, ReadStatusEvent, cancellationToken);
        return finished.Count == 1 ? finished[0] : null;
    }

    private static StatusEvent ReadStatusEvent(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetInt64(1), Enum.Parse<JobStatus>(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4));
}

public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var full = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((full / 2) + (random.NextDouble() * full / 2));
    }
}

using System.Text.Json;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// The batched queue statements against real Postgres: claims of many jobs at once, completions and lease renewals of
/// many runs at once, each guarded by the run's lease (owner and attempt). Jobs get a type of their own, which no
/// worker of the stack handles, so only the test's "workers" touch them.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class JobBatchTests(LocalStackFixture stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Concurrent_batch_claims_never_hand_one_job_to_two_workers()
    {
        const int Jobs = 120;
        const int Workers = 6;
        var type = UniqueType();
        var ids = await InsertAsync(type, Jobs);

        var claims = await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var owner = $"test-worker-{worker}";
            var mine = new List<(string Owner, ClaimedJob Job)>();
            await using var queue = await OpenQueueAsync();
            while (true)
            {
                var batch = await queue.Queue.ClaimAsync(owner, [type], limit: 7, CancellationToken.None);
                if (batch.Count == 0)
                {
                    return mine;
                }

                Assert.InRange(batch.Count, 1, 7);
                mine.AddRange(batch.Select(job => (owner, job)));
            }
        })));

        var all = claims.SelectMany(claim => claim).ToList();
        Assert.Equal(Jobs, all.Count);
        Assert.Equal(ids.Order(), all.Select(claim => claim.Job.Id).Distinct().Order());
        await using var connection = await OpenAsync();
        foreach (var (owner, job) in all)
        {
            Assert.Equal(1, job.Attempt);
            Assert.Equal(owner, await ScalarAsync<string>(connection, "SELECT lease_owner FROM jobs WHERE id = @id AND status = 'Running' AND attempts = 1", job.Id));
            // The claim stored exactly one "Running" event per job, the one it handed out.
            Assert.Equal(job.RunningEventId, await ScalarAsync<long>(connection,
                "SELECT max(id) FROM job_events WHERE job_id = @id AND type = 'status' AND data->>'status' = 'Running' HAVING count(*) = 1", job.Id));
        }
    }

    [Fact]
    public async Task A_batch_claim_takes_the_most_urgent_jobs_first_and_no_more_than_asked()
    {
        var type = UniqueType();
        var low = await InsertAsync(type, 3, priority: 0);
        var high = await InsertAsync(type, 2, priority: 5);
        await using var queue = await OpenQueueAsync();

        var claimed = await queue.Queue.ClaimAsync("test-worker", [type], limit: 3, CancellationToken.None);

        Assert.Equal(3, claimed.Count);
        Assert.Equal(high.Order(), claimed.Take(2).Select(job => job.Id).Order());
        Assert.Contains(claimed[2].Id, low);
        Assert.Equal(2, (await queue.Queue.ClaimAsync("test-worker", [type], limit: 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_completion_after_the_lease_was_lost_is_refused_and_the_job_completes_exactly_once()
    {
        var type = UniqueType();
        var id = (await InsertAsync(type, 1)).Single();
        await using var queue = await OpenQueueAsync();
        var first = (await queue.Queue.ClaimAsync("worker-a", [type], 4, CancellationToken.None)).Single();

        // Worker A stalls past its lease; maintenance hands the job back, and worker B takes it.
        await ExpireLeaseAsync(id);
        // The stack's own worker may reclaim it first (its maintenance runs every second): either way it is queued again.
        await queue.Queue.ReclaimExpiredAsync(CancellationToken.None);
        var second = (await queue.Queue.ClaimAsync("worker-b", [type], 4, CancellationToken.None)).Single();
        Assert.Equal(2, second.Attempt);

        Assert.Empty(await queue.Queue.RenewLeasesAsync("worker-a", [new LeaseRenewal(id, first.Attempt, 0.5, "stale")], CancellationToken.None));
        Assert.Empty(await queue.Queue.CompleteAsync("worker-a", [new JobCompletion(id, first.Attempt, """{"from":"a"}""")], CancellationToken.None));
        var done = Assert.Single(await queue.Queue.CompleteAsync("worker-b", [new JobCompletion(id, second.Attempt, """{"from":"b"}""")], CancellationToken.None));
        Assert.Empty(await queue.Queue.CompleteAsync("worker-b", [new JobCompletion(id, second.Attempt, """{"from":"b"}""")], CancellationToken.None));

        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal(2, done.Attempt);
        await using var connection = await OpenAsync();
        Assert.Equal("b", await ScalarAsync<string>(connection, "SELECT result->>'from' FROM jobs WHERE id = @id AND status = 'Succeeded'", id));
        Assert.Equal(1L, await SucceededEventsAsync(connection, id));
        Assert.Equal(done.EventId, await ScalarAsync<long>(connection, "SELECT id FROM job_events WHERE job_id = @id AND data->>'status' = 'Succeeded'", id));
    }

    [Fact]
    public async Task A_stale_completion_of_an_earlier_attempt_by_the_same_worker_is_refused()
    {
        var type = UniqueType();
        var id = (await InsertAsync(type, 1)).Single();
        await using var queue = await OpenQueueAsync();
        var first = (await queue.Queue.ClaimAsync("worker-a", [type], 1, CancellationToken.None)).Single();
        await ExpireLeaseAsync(id);
        await queue.Queue.ReclaimExpiredAsync(CancellationToken.None);
        var again = (await queue.Queue.ClaimAsync("worker-a", [type], 1, CancellationToken.None)).Single();

        // One batch holding both runs of the job: only the run that holds the lease now completes it.
        var done = await queue.Queue.CompleteAsync("worker-a",
            [new JobCompletion(id, first.Attempt, null), new JobCompletion(id, again.Attempt, null)], CancellationToken.None);

        Assert.Equal(again.Attempt, Assert.Single(done).Attempt);
        await using var connection = await OpenAsync();
        Assert.Equal(1L, await SucceededEventsAsync(connection, id));
    }

    [Fact]
    public async Task A_batch_completes_only_the_runs_whose_leases_it_holds()
    {
        var type = UniqueType();
        await InsertAsync(type, 5);
        await using var queue = await OpenQueueAsync();
        var claimed = await queue.Queue.ClaimAsync("worker-a", [type], 5, CancellationToken.None);
        var lost = claimed[1];
        await ExpireLeaseAsync(lost.Id);
        await queue.Queue.ReclaimExpiredAsync(CancellationToken.None);

        var done = await queue.Queue.CompleteAsync("worker-a", [.. claimed.Select(job => new JobCompletion(job.Id, job.Attempt, "{}"))], CancellationToken.None);

        Assert.Equal(claimed.Where(job => job != lost).Select(job => job.Id).Order(), done.Select(entry => entry.JobId).Order());
        await using var connection = await OpenAsync();
        Assert.Equal("Queued", await ScalarAsync<string>(connection, "SELECT status FROM jobs WHERE id = @id", lost.Id));
        Assert.Equal(0L, await SucceededEventsAsync(connection, lost.Id));
    }

    [Fact]
    public async Task Cancelling_a_batch_claimed_job_is_seen_at_its_next_lease_renewal_and_ends_it_cancelled()
    {
        var type = UniqueType();
        await InsertAsync(type, 3);
        await using var queue = await OpenQueueAsync();
        var claimed = await queue.Queue.ClaimAsync("worker-a", [type], 3, CancellationToken.None);
        var cancelled = claimed[2];

        // Claimed in the batch, not yet heartbeated: the API can only ask the worker to stop.
        Assert.Equal(JobStatus.Running, await queue.Queue.RequestCancelAsync(cancelled.Id, CancellationToken.None));
        var states = await queue.Queue.RenewLeasesAsync("worker-a",
            [.. claimed.Select(job => new LeaseRenewal(job.Id, job.Attempt, 0.25, "working"))], CancellationToken.None);

        Assert.Equal(3, states.Count);
        Assert.Equal([cancelled.Id], states.Where(state => state.CancelRequested).Select(state => state.JobId));
        var final = await queue.Queue.MarkCancelledAsync(new JobRun(cancelled.Id, cancelled.Attempt, "worker-a"), CancellationToken.None);
        Assert.Equal(JobStatus.Cancelled, final?.Status);
        Assert.Empty(await queue.Queue.CompleteAsync("worker-a", [new JobCompletion(cancelled.Id, cancelled.Attempt, null)], CancellationToken.None));
        await using var connection = await OpenAsync();
        Assert.Equal(0.25, await ScalarAsync<double>(connection, "SELECT progress FROM jobs WHERE id = @id", claimed[0].Id));
        Assert.Equal("working", await ScalarAsync<string>(connection, "SELECT progress_message FROM jobs WHERE id = @id", claimed[0].Id));
    }

    [Fact]
    public async Task A_failed_attempt_goes_back_to_the_queue_with_its_event_and_the_last_one_to_the_dead_letter()
    {
        var type = UniqueType();
        var id = (await InsertAsync(type, 1, maxAttempts: 2)).Single();
        await using var queue = await OpenQueueAsync();

        var first = (await queue.Queue.ClaimAsync("worker-a", [type], 1, CancellationToken.None)).Single();
        var retry = await queue.Queue.FailAsync(new JobRun(id, first.Attempt, "worker-a"), "boom", retryable: true, TimeSpan.Zero, CancellationToken.None);
        var second = (await queue.Queue.ClaimAsync("worker-a", [type], 1, CancellationToken.None)).Single();
        var stale = await queue.Queue.FailAsync(new JobRun(id, first.Attempt, "worker-a"), "stale", retryable: true, TimeSpan.Zero, CancellationToken.None);
        var last = await queue.Queue.FailAsync(new JobRun(id, second.Attempt, "worker-a"), "boom again", retryable: true, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal((JobStatus.Queued, "boom", 1), (retry!.Status, retry.Error, retry.Attempt));
        Assert.Null(stale);
        Assert.Equal((JobStatus.DeadLettered, "boom again", 2), (last!.Status, last.Error, last.Attempt));
    }

    [Fact]
    public async Task The_worker_runs_a_burst_of_jobs_claimed_and_completed_in_batches_each_exactly_once()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        const int Jobs = 200;
        await using var connection = await OpenAsync();
        var ids = await InsertAsync(DiagnosticType, Jobs, projectId: projectId);
        await NotifyAsync(connection);

        var deadline = DateTime.UtcNow + Patience;
        while (await ScalarAsync<long>(connection, "SELECT count(*) FROM jobs WHERE id = ANY(@ids) AND status = 'Succeeded'", ids) < Jobs)
        {
            Assert.True(DateTime.UtcNow < deadline, "the burst did not finish in time");
            await Task.Delay(200);
        }

        // One "Running" event per attempt and exactly one "Succeeded" per job, whichever batch carried it.
        Assert.Equal(0L, await ScalarAsync<long>(connection, """
            SELECT count(*) FROM jobs j
            WHERE j.id = ANY(@ids) AND (
                (SELECT count(*) FROM job_events e WHERE e.job_id = j.id AND e.data->>'status' = 'Succeeded') <> 1
                OR (SELECT count(*) FROM job_events e WHERE e.job_id = j.id AND e.data->>'status' = 'Running') <> j.attempts
                OR j.progress <> 1 OR j.result->>'attempt' <> j.attempts::text)
            """, ids));
    }

    [Fact]
    public async Task Cancelling_a_burst_of_long_jobs_stops_the_batch_claimed_ones_mid_run_and_the_queued_ones_at_once()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        await using var connection = await OpenAsync();
        var ids = await InsertAsync(DiagnosticType, 8, projectId: projectId, payload: new { delayMs = 60_000, steps = 60 });
        await NotifyAsync(connection);
        var deadline = DateTime.UtcNow + Patience;
        while (await ScalarAsync<long>(connection, "SELECT count(*) FROM jobs WHERE id = ANY(@ids) AND status = 'Running'", ids) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no job of the burst started");
            await Task.Delay(100);
        }

        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await user.Client.PostAsync($"/api/v1/jobs/{id}/cancel", null)).StatusCode);
        }

        foreach (var id in ids)
        {
            var job = await TestJobs.WaitForStatusAsync(user.Client, id, Patience, "Cancelled");
            Assert.True(job.GetProperty("progress").GetDouble() < 0.5, job.ToString());
        }
    }

    private const string DiagnosticType = "diagnostics.noop";

    private static string UniqueType() => $"tests.batch.{Guid.NewGuid():N}";

    private async Task<Guid[]> InsertAsync(string type, int count, int priority = 0, int maxAttempts = 5, Guid? projectId = null, object? payload = null)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO jobs (id, project_id, created_by, type, payload, status, priority, attempts, max_attempts, run_after, cancel_requested, progress, created_at)
            SELECT id, @project, gen_random_uuid(), @type, @payload::jsonb, 'Queued', @priority, 0, @max, now(), false, 0, now() FROM unnest(@ids) AS id
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("project", (object?)projectId ?? DBNull.Value);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(payload ?? new { }));
        command.Parameters.AddWithValue("priority", priority);
        command.Parameters.AddWithValue("max", maxAttempts);
        await command.ExecuteNonQueryAsync();
        return ids;
    }

    private async Task ExpireLeaseAsync(Guid id)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task NotifyAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_notify('{JobChannels.Queued}', '')", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static Task<long> SucceededEventsAsync(NpgsqlConnection connection, Guid id) =>
        ScalarAsync<long>(connection, "SELECT count(*) FROM job_events WHERE job_id = @id AND type = 'status' AND data->>'status' = 'Succeeded'", id);

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, object ids)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(ids is Guid ? "id" : "ids", ids);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<OpenQueue> OpenQueueAsync()
    {
        var options = new DbContextOptionsBuilder<ResearchDbContext>().UseNpgsql(await stack.DatabaseConnectionStringAsync());
        options.UseResearchConventions();
        var db = new ResearchDbContext(options.Options);
        return new OpenQueue(new JobQueue(db, Options.Create(new JobQueueOptions()), TimeProvider.System), db);
    }

    private sealed class OpenQueue(JobQueue queue, ResearchDbContext db) : IAsyncDisposable
    {
        public JobQueue Queue { get; } = queue;

        public ValueTask DisposeAsync() => db.DisposeAsync();
    }
}

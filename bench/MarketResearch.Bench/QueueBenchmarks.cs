using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.Testing;
using Npgsql;

namespace MarketResearch.Bench;

/// <summary>
/// The queue bar: ≥ 1,000 no-op jobs/s claimed and completed by two worker processes, zero lost and zero completed twice
/// while one worker is SIGKILLed every few seconds. The AppHost's own worker is not started; the bench runs both replicas.
/// </summary>
internal static class QueueBenchmarks
{
    private static readonly TimeSpan KillInterval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    // Each progress query scans the jobs' payloads: a few a second are enough and keep the bench off Postgres's CPU.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int WarmUpJobs = 2000;

    public static async Task RunAsync(BenchStack stack)
    {
        var jobs = int.Parse(Environment.GetEnvironmentVariable("BENCH_QUEUE_JOBS") ?? "20000", CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>
        {
            ["Worker__Jobs__Concurrency"] = Environment.GetEnvironmentVariable("BENCH_WORKER_CONCURRENCY") ?? "64",
            ["Worker__Jobs__ClaimBatchSize"] = Environment.GetEnvironmentVariable("BENCH_CLAIM_BATCH") ?? "32",
            ["Worker__Jobs__PollInterval"] = "00:00:00.200",
            ["Worker__Jobs__MaintenanceInterval"] = "00:00:00.500",
            ["Jobs__LeaseDuration"] = "00:00:05",
        };
        Console.WriteLine($"worker settings: {string.Join(", ", settings.Select(setting => $"{setting.Key}={setting.Value}"))}");
        using var user = await BenchUser.RegisterAsync(stack);
        var connectionString = (await stack.App.GetConnectionStringAsync("marketresearch"))!;
        var workers = new[] { await WorkerProcess.StartAsync(stack, settings), await WorkerProcess.StartAsync(stack, settings) };
        try
        {
            // Start-up work (JIT, EF's model, pools) is not the queue's cost per job: a short unmeasured round first.
            await RunRoundAsync(connectionString, user.Id, WarmUpJobs, "warm-up (not a measurement)", workers, kill: null);
            await RunRoundAsync(connectionString, user.Id, jobs, "steady, no kills", workers, kill: null);
            await RunRoundAsync(connectionString, user.Id, jobs, $"one worker SIGKILLed every {KillInterval.TotalSeconds:0} s", workers, kill: async () =>
            {
                // Alternate the victim so both replicas die and restart during the run.
                var victim = Array.FindIndex(workers, worker => worker.Id == workers.Min(candidate => candidate.Id));
                workers[victim].Kill();
                workers[victim].Dispose();
                workers[victim] = await WorkerProcess.StartAsync(stack, settings);
            });
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private static async Task RunRoundAsync(string connectionString, Guid userId, int count, string label, WorkerProcess[] workers, Func<Task>? kill)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var batch = Guid.NewGuid().ToString("N");
        var cost = await QueueCost.StartAsync(connection, workers);
        var clock = Stopwatch.StartNew();
        await ExecuteAsync(connection, """
            INSERT INTO jobs (id, created_by, type, payload, status, priority, attempts, max_attempts, run_after, cancel_requested, progress, created_at)
            SELECT gen_random_uuid(), @user, 'diagnostics.noop', jsonb_build_object('batch', @batch::text), 'Queued', 0, 0, 100, now(), false, 0, now()
            FROM generate_series(1, @count);
            SELECT pg_notify('marketresearch_jobs', '');
            """, ("user", userId), ("batch", batch), ("count", count));
        var enqueued = clock.Elapsed;

        var kills = 0;
        var nextKill = KillInterval;
        long done;
        var polls = 0;
        while ((done = await CountAsync(connection, batch, "status = 'Succeeded'")) < count && clock.Elapsed < DrainTimeout)
        {
            polls++;
            if (kill is not null && clock.Elapsed >= nextKill)
            {
                await kill();
                kills++;
                nextKill = clock.Elapsed + KillInterval;
            }

            await Task.Delay(PollInterval);
        }

        var seconds = await ScalarAsync<double>(connection, "SELECT extract(epoch FROM max(finished_at) - min(created_at))::float8 FROM jobs WHERE payload->>'batch' = @batch", batch);
        var lost = count - done;
        var spent = await cost.StopAsync(connection, workers, count, polls, killed: kills > 0);
        var doubled = await ScalarAsync<long>(connection, """
            SELECT count(*) FROM (SELECT e.job_id FROM job_events e JOIN jobs j ON j.id = e.job_id
                                  WHERE j.payload->>'batch' = @batch AND e.type = 'status' AND e.data->>'status' = 'Succeeded'
                                  GROUP BY e.job_id HAVING count(*) > 1) doubled
            """, batch);
        var rerun = await CountAsync(connection, batch, "attempts > 1");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue, {label}: {count} no-op jobs (enqueued in {enqueued.TotalSeconds:0.00} s) done in {seconds:0.00} s = {count / seconds:0} jobs/s; " +
            $"lost {lost}, completed twice {doubled}, run more than once {rerun}, kills {kills}; load average {QueueCost.LoadAverage()}"));
        Console.WriteLine($"queue cost, {label}: {spent}");
        if (lost > 0)
        {
            var states = await ScalarAsync<string>(connection,
                "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) AS n FROM jobs WHERE payload->>'batch' = @batch GROUP BY status) s", batch);
            Console.WriteLine($"not done after {DrainTimeout}: {states}; the workers' last lines:\n{string.Join('\n', WorkerProcess.LogTail)}");
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string batch, string condition) =>
        await ScalarAsync<long>(connection, $"SELECT count(*) FROM jobs WHERE payload->>'batch' = @batch AND {condition}", batch);

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, string batch)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("batch", batch);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}

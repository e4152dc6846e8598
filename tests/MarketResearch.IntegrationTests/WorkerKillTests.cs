using System.Diagnostics;
using Npgsql;

namespace MarketResearch.IntegrationTests;

/// <summary>At-least-once with idempotent effects: a worker SIGKILLed mid-job loses nothing and duplicates nothing.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class WorkerKillTests(LocalStackFixture stack)
{
    private const int JobCount = 16;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _workerLog = new();

    [Fact]
    public async Task Jobs_of_a_worker_killed_with_sigkill_complete_on_another_worker_exactly_once()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var userId = await user.Id();
        using var doomed = await StartExtraWorkerAsync();
        try
        {
            await KillScenarioAsync(user, projectId, userId, doomed);
        }
        finally
        {
            // A worker left running after a failure would claim other tests' jobs.
            if (!doomed.HasExited)
            {
                doomed.Kill(entireProcessTree: true);
            }
        }
    }

    private async Task KillScenarioAsync(ApiUser user, Guid projectId, Guid userId, Process doomed)
    {
        await WaitUntilStartedAsync();

        var jobs = new List<Guid>();
        for (var index = 0; index < JobCount; index++)
        {
            jobs.Add(await TestJobs.EnqueueDiagnosticAsync(stack, projectId, userId, new { delayMs = 4000, steps = 4 }));
        }

        var claimedByDoomed = await WaitForClaimsAsync(doomed.Id, jobs);
        doomed.Kill(entireProcessTree: true);

        foreach (var job in jobs)
        {
            await TestJobs.WaitForStatusAsync(user.Client, job, TimeSpan.FromSeconds(90), "Succeeded");
        }

        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        foreach (var job in claimedByDoomed)
        {
            Assert.Equal(2, await ScalarAsync<int>(connection, "SELECT attempts FROM jobs WHERE id = @id", job));
        }

        foreach (var job in jobs)
        {
            // Exactly one completion per job, however many workers touched it.
            Assert.Equal(1L, await ScalarAsync<long>(connection,
                "SELECT count(*) FROM job_events WHERE job_id = @id AND type = 'status' AND data->>'status' = 'Succeeded'", job));
        }
    }

    /// <summary>The host logs this once its services, the job runner included, have started; a loaded machine may take a while.</summary>
    private async Task WaitUntilStartedAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!_workerLog.Any(line => line.Contains("Application started", StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The extra worker did not start. Its log ends:\n" + string.Join("\n", _workerLog.TakeLast(30)));
            }

            await Task.Delay(100);
        }
    }

    private async Task<List<Guid>> WaitForClaimsAsync(int pid, List<Guid> jobs)
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("SELECT id FROM jobs WHERE id = ANY(@ids) AND status = 'Running' AND lease_owner LIKE @owner", connection);
            command.Parameters.AddWithValue("ids", jobs.ToArray());
            command.Parameters.AddWithValue("owner", $"%:{pid}:%");
            var claimed = new List<Guid>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    claimed.Add(reader.GetGuid(0));
                }
            }

            if (claimed.Count > 0)
            {
                return claimed;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The extra worker never claimed a job. Its log ends:\n" + string.Join("\n", _workerLog.TakeLast(30)));
    }

    /// <summary>A second worker process on the same stores, like another replica.</summary>
    private async Task<Process> StartExtraWorkerAsync()
    {
        var appHostPath = Projects.MarketResearch_AppHost.ProjectPath;
        var appHostDirectory = appHostPath.EndsWith(".csproj", StringComparison.Ordinal) ? Path.GetDirectoryName(appHostPath)! : appHostPath;
        var outputDirectory = Path.GetFileName(Path.GetDirectoryName(typeof(WorkerKillTests).Assembly.Location)!);
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(WorkerKillTests).Assembly.Location))!);
        var worker = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "MarketResearch.Worker", "bin", configuration, outputDirectory, "MarketResearch.Worker.dll"));
        var start = new ProcessStartInfo("dotnet", [worker]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__marketresearch"] = await stack.DatabaseConnectionStringAsync();
        start.Environment["ConnectionStrings__redis"] = await stack.App.GetConnectionStringAsync("redis");
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Jobs__LeaseDuration"] = LocalStackFixture.JobLease.ToString();
        start.Environment["Worker__Jobs__Concurrency"] = "8";
        start.Environment["Worker__Jobs__PollInterval"] = "00:00:00.200";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => _workerLog.Enqueue(line.Data ?? string.Empty);
        process.ErrorDataReceived += (_, line) => _workerLog.Enqueue(line.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

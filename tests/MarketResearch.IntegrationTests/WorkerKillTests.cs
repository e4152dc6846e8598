using Npgsql;

namespace MarketResearch.IntegrationTests;

/// <summary>At-least-once with idempotent effects: a worker SIGKILLed mid-job loses nothing and duplicates nothing.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class WorkerKillTests(LocalStackFixture stack)
{
    private const int JobCount = 16;

    [Fact]
    public async Task Jobs_of_a_worker_killed_with_sigkill_complete_on_another_worker_exactly_once()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var userId = await user.Id();
        using var doomed = await ExtraWorker.StartAsync(stack, new Dictionary<string, string>
        {
            ["Worker__Jobs__Concurrency"] = "8",
            ["Worker__Jobs__PollInterval"] = "00:00:00.200",
        });
        // The host logs this once its services, the job runner included, have started.
        await doomed.WaitForLogAsync("Application started", TimeSpan.FromMinutes(3));

        var jobs = new List<Guid>();
        for (var index = 0; index < JobCount; index++)
        {
            jobs.Add(await TestJobs.EnqueueDiagnosticAsync(stack, projectId, userId, new { delayMs = 4000, steps = 4 }));
        }

        var claimedByDoomed = await WaitForClaimsAsync(doomed, jobs);
        doomed.Kill();

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

    private async Task<List<Guid>> WaitForClaimsAsync(ExtraWorker doomed, List<Guid> jobs)
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("SELECT id FROM jobs WHERE id = ANY(@ids) AND status = 'Running' AND lease_owner LIKE @owner", connection);
            command.Parameters.AddWithValue("ids", jobs.ToArray());
            command.Parameters.AddWithValue("owner", $"%:{doomed.Process.Id}:%");
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

        throw new TimeoutException("The extra worker never claimed a job. " + doomed.LogTail());
    }


    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

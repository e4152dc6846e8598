using System.Text.Json;
using Npgsql;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// Puts diagnostic jobs straight into the queue, as the API does for real work (same table, same NOTIFY), so the
/// queue can be tested before and apart from the features that enqueue jobs.
/// </summary>
public static class TestJobs
{
    public static async Task<Guid> EnqueueDiagnosticAsync(
        LocalStackFixture stack, Guid projectId, Guid createdBy, object payload, int maxAttempts = 5, TimeSpan? delayStart = null, string status = "Queued",
        string? leaseOwner = null, DateTimeOffset? leaseExpiresAt = null, int attempts = 0)
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO jobs (id, project_id, created_by, type, payload, status, priority, attempts, max_attempts, run_after,
                              lease_owner, lease_expires_at, cancel_requested, progress, created_at)
            VALUES (@id, @project, @user, 'diagnostics.noop', @payload::jsonb, @status, 0, @attempts, @max, now() + @delay,
                    @owner, @expires, false, 0, now());
            SELECT pg_notify('marketresearch_jobs', '');
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("user", createdBy);
        command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(payload));
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("attempts", attempts);
        command.Parameters.AddWithValue("max", maxAttempts);
        command.Parameters.AddWithValue("delay", delayStart ?? TimeSpan.Zero);
        command.Parameters.AddWithValue("owner", (object?)leaseOwner ?? DBNull.Value);
        command.Parameters.AddWithValue("expires", (object?)leaseExpiresAt ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
        return id;
    }

    public static async Task<JsonElement> WaitForStatusAsync(HttpClient api, Guid jobId, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement job;
        do
        {
            job = await api.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");
            if (statuses.Contains(job.GetProperty("status").GetString()))
            {
                return job;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Job {jobId} is {job.GetProperty("status").GetString()} after {timeout}, expected {string.Join("/", statuses)}: {job}");
    }
}

using System.Text.Json;

namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class JobQueueTests(LocalStackFixture stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_job_runs_to_success_and_its_events_stream_as_server_sent_events()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var jobId = await TestJobs.EnqueueDiagnosticAsync(stack, projectId, await user.Id(), new { delayMs = 600, steps = 3 });

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events");
        using var response = await user.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStringAsync();

        Assert.Contains("event: progress", stream, StringComparison.Ordinal);
        Assert.Contains("step 3 of 3", stream, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Succeeded\"", stream, StringComparison.Ordinal);
        var job = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");
        Assert.Equal("Succeeded", job.GetProperty("status").GetString());
        Assert.Equal(1.0, job.GetProperty("progress").GetDouble());
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_reconnecting_client_gets_only_the_events_after_its_last_event_id()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var jobId = await TestJobs.EnqueueDiagnosticAsync(stack, projectId, await user.Id(), new { delayMs = 300, steps = 3 });
        await TestJobs.WaitForStatusAsync(user.Client, jobId, Patience, "Succeeded");
        var all = await user.Client.GetStringAsync($"/api/v1/jobs/{jobId}/events");
        var ids = all.Split('\n').Where(line => line.StartsWith("id: ", StringComparison.Ordinal)).Select(line => long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ids.Count >= 5, all);

        using var resume = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events");
        resume.Headers.Add("Last-Event-ID", ids[2].ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rest = await (await user.Client.SendAsync(resume)).Content.ReadAsStringAsync();

        var restIds = rest.Split('\n').Where(line => line.StartsWith("id: ", StringComparison.Ordinal)).Select(line => long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ids.Skip(3), restIds);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_backoff_until_success()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var jobId = await TestJobs.EnqueueDiagnosticAsync(stack, projectId, await user.Id(), new { failAttempts = 2 });

        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, Patience, "Succeeded", "DeadLettered", "Failed");

        Assert.Equal("Succeeded", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_job_that_keeps_failing_is_dead_lettered_after_its_last_attempt_and_counted()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var jobId = await TestJobs.EnqueueDiagnosticAsync(stack, projectId, await user.Id(), new { failAttempts = 100 }, maxAttempts: 3);

        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, Patience, "DeadLettered", "Succeeded");

        Assert.Equal("DeadLettered", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("attempts").GetInt32());
        Assert.Contains("on purpose", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var worker = stack.CreateClient("worker");
        Assert.Contains("jobs_dead_lettered_total{", await worker.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_mid_run()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var jobId = await TestJobs.EnqueueDiagnosticAsync(stack, projectId, await user.Id(), new { delayMs = 60_000, steps = 60 });
        await TestJobs.WaitForStatusAsync(user.Client, jobId, Patience, "Running");

        var cancel = await user.Client.PostAsync($"/api/v1/jobs/{jobId}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, TimeSpan.FromSeconds(10), "Cancelled");
        Assert.True(job.GetProperty("progress").GetDouble() < 0.5);
    }

    [Fact]
    public async Task Cancelling_a_queued_job_cancels_it_at_once()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var jobId = await TestJobs.EnqueueDiagnosticAsync(stack, projectId, await user.Id(), new { }, delayStart: TimeSpan.FromMinutes(5));

        var cancel = await user.Client.PostAsync($"/api/v1/jobs/{jobId}/cancel", null);

        Assert.Equal("Cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_job_whose_worker_died_is_reclaimed_when_its_lease_expires_and_completes()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        // What a SIGKILLed worker leaves behind: a running job, an owner that no longer heartbeats.
        var jobId = await TestJobs.EnqueueDiagnosticAsync(stack, projectId, await user.Id(), new { }, status: "Running",
            leaseOwner: "killed-worker", leaseExpiresAt: DateTimeOffset.UtcNow.AddSeconds(-1), attempts: 1);

        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, Patience, "Succeeded");

        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
    }
}

using System.Net.Http.Json;
using System.Text.Json;

namespace MarketResearch.Bench;

/// <summary>
/// Waits for a job the way the web app does: one Server-Sent Events stream (`GET /jobs/{id}/events`), which the API
/// ends after the job's final status, then one read of the job. Polling every 10–100 ms, as the benches did, cost the
/// API CPU on the same two cores as the job it was timing.
/// </summary>
internal static class JobFollower
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task<JsonElement> WaitAsync(HttpClient api, Guid jobId)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (true)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events"))
            using (var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token))
            {
                response.EnsureSuccessStatusCode();
                await using var events = await response.Content.ReadAsStreamAsync(timeout.Token);
                await events.CopyToAsync(Stream.Null, timeout.Token);
            }

            var job = await api.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}", timeout.Token);
            // A stream cut short (a restarted API) ends before the job does: follow it again.
            if (job.GetProperty("status").GetString() is not ("Queued" or "Running"))
            {
                return job;
            }
        }
    }
}

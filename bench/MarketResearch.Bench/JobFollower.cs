using System.Net.Http.Json;
using System.Net.ServerSentEvents;
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

    public static async Task<JsonElement> WaitAsync(HttpClient api, Guid jobId) => (await FollowAsync(api, jobId)).Job;

    /// <summary>
    /// The finished job, and when the stream brought its final status event: the moment the web app shows the job as
    /// finished (it reads the job afterwards for the result). Null when the stream ended without one.
    /// </summary>
    public static async Task<(JsonElement Job, TimeSpan? FinalStatusSeen)> FollowAsync(HttpClient api, Guid jobId)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? finalStatusSeen = null;
        using var timeout = new CancellationTokenSource(Limit);
        while (true)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{jobId}/events"))
            using (var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token))
            {
                response.EnsureSuccessStatusCode();
                await using var events = await response.Content.ReadAsStreamAsync(timeout.Token);
                await foreach (var item in SseParser.Create(events).EnumerateAsync(timeout.Token))
                {
                    if (finalStatusSeen is null && item.EventType == "status" && IsFinal(item.Data))
                    {
                        finalStatusSeen = clock.Elapsed;
                    }
                }
            }

            var job = await api.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}", timeout.Token);
            // A stream cut short (a restarted API) ends before the job does: follow it again.
            if (job.GetProperty("status").GetString() is not ("Queued" or "Running"))
            {
                return (job, finalStatusSeen);
            }
        }
    }

    private static bool IsFinal(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.TryGetProperty("status", out var status) && status.GetString() is not ("Queued" or "Running");
    }
}

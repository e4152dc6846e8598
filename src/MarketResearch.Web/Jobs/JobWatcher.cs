using System.Net.ServerSentEvents;
using System.Text.Json;
using MarketResearch.Web.Api;
using Microsoft.Extensions.Options;

namespace MarketResearch.Web.Jobs;

/// <summary>
/// Follows a job live for a page: the API's Server-Sent Events relayed through this server (the browser never
/// talks to the API), resuming after the last event id when the stream drops, and polling when it cannot stream.
/// Works for every job type: persona generation today, focus groups, surveys and ingestion later.
/// </summary>
public sealed class JobWatcher(ApiClient api, IOptions<JobWatchOptions> options, TimeProvider clock, ILogger<JobWatcher> logger)
{
    private const string SnapshotEvent = "snapshot";
    private const string StatusEvent = "status";
    private const string ProgressEvent = "progress";

    public Task<ApiResult<JobDetails>> GetAsync(Guid jobId, CancellationToken cancellationToken) =>
        api.GetAsync<JobDetails>($"/api/v1/jobs/{jobId}", cancellationToken);

    public Task<ApiProblem?> CancelAsync(Guid jobId, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Post, $"/api/v1/jobs/{jobId}/cancel", null, cancellationToken);

    /// <summary>Reports every change of progress, then returns the finished job (with its result).</summary>
    public Task<ApiResult<JobDetails>> WatchAsync(Guid jobId, Func<JobProgress, Task> onProgress, CancellationToken cancellationToken) =>
        WatchAsync(jobId, onProgress, null, cancellationToken);

    /// <summary>
    /// As above, and hands every event of the stream other than the snapshot (status, progress and the job's own kinds such
    /// as a focus group's "turn") to <paramref name="onEvent"/>, each once: a resumed stream starts after the last id seen.
    /// </summary>
    public async Task<ApiResult<JobDetails>> WatchAsync(
        Guid jobId, Func<JobProgress, Task> onProgress, Func<JobStreamEvent, Task>? onEvent, CancellationToken cancellationToken)
    {
        string? lastEventId = null;
        for (var attempt = 0; attempt <= options.Value.StreamReconnects; attempt++)
        {
            try
            {
                var (finished, last) = await StreamAsync(jobId, lastEventId, onProgress, onEvent, cancellationToken);
                lastEventId = last ?? lastEventId;
                if (finished)
                {
                    break;
                }
            }
            // A dropped connection, a proxy or client timeout, a torn event: resume after the last event seen.
            catch (Exception exception) when (exception is HttpRequestException or IOException or JsonException or OperationCanceledException
                                              && !cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation(exception, "The event stream of job {JobId} dropped; resuming", jobId);
            }
        }

        return await PollUntilFinishedAsync(jobId, onProgress, cancellationToken);
    }

    private async Task<(bool Finished, string? LastEventId)> StreamAsync(
        Guid jobId, string? lastEventId, Func<JobProgress, Task> onProgress, Func<JobStreamEvent, Task>? onEvent, CancellationToken cancellationToken)
    {
        using var response = await api.OpenStreamAsync($"/api/v1/jobs/{jobId}/events", lastEventId, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // No stream (e.g. the job is gone): polling reports what there is to report.
            return (true, lastEventId);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var status = "Queued";
        var fraction = 0.0;
        string? message = null;
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            lastEventId = item.EventId ?? lastEventId;
            using var data = JsonDocument.Parse(item.Data);
            var root = data.RootElement;
            if (item.EventType != SnapshotEvent && onEvent is not null)
            {
                await onEvent(new JobStreamEvent(item.EventType, root.Clone()));
            }

            if (item.EventType is not (SnapshotEvent or StatusEvent or ProgressEvent))
            {
                // The job's own events (e.g. a transcript turn) say nothing of its progress.
                continue;
            }

            status = Read(root, "status") ?? status;
            fraction = root.TryGetProperty("progress", out var progress) && progress.ValueKind == JsonValueKind.Number ? progress.GetDouble() : fraction;
            message = Read(root, "message") ?? message;
            await onProgress(new JobProgress(status, fraction, message));
            if (item.EventType == StatusEvent && JobProgress.IsFinalStatus(status))
            {
                return (true, lastEventId);
            }
        }

        // The API ends the stream when the job finishes; a stream that ends otherwise is resumed.
        return (JobProgress.IsFinalStatus(status), lastEventId);
    }

    private async Task<ApiResult<JobDetails>> PollUntilFinishedAsync(Guid jobId, Func<JobProgress, Task> onProgress, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await GetAsync(jobId, cancellationToken);
            if (!job.Succeeded)
            {
                return job;
            }

            await onProgress(new JobProgress(job.Value!.Status, job.Value.Progress, job.Value.ProgressMessage ?? job.Value.Error));
            if (job.Value.IsFinished)
            {
                return job;
            }

            await Task.Delay(options.Value.PollInterval, clock, cancellationToken);
        }
    }

    private static string? Read(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

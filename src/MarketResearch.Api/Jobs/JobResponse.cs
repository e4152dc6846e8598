using System.Text.Json;
using MarketResearch.Domain.Jobs;

namespace MarketResearch.Api.Jobs;

public sealed record JobResponse(
    Guid Id,
    Guid? ProjectId,
    string Type,
    string Status,
    double Progress,
    string? ProgressMessage,
    int Attempts,
    int MaxAttempts,
    string? Error,
    JsonElement? Result,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public static JobResponse From(Job job) => new(
        job.Id, job.ProjectId, job.Type, job.Status.ToString(), job.Progress, job.ProgressMessage, job.Attempts, job.MaxAttempts,
        job.Error, job.Result?.RootElement, job.CreatedAt, job.StartedAt, job.FinishedAt);
}

/// <summary>202 body of every endpoint that starts long work.</summary>
public sealed record JobAccepted(Guid JobId, string Status, string StatusUrl, string EventsUrl)
{
    public static JobAccepted For(Job job) =>
        new(job.Id, job.Status.ToString(), $"/api/v1/jobs/{job.Id}", $"/api/v1/jobs/{job.Id}/events");
}

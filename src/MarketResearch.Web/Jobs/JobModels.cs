using System.Text.Json;

namespace MarketResearch.Web.Jobs;

public sealed record JobDetails(
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
    public bool IsFinished => JobProgress.IsFinalStatus(Status);
    public bool Succeeded => Status == "Succeeded";

    /// <summary>The result's "offline" flag: true when the offline simulator did the work.</summary>
    public bool RanOffline => Result is { ValueKind: JsonValueKind.Object } result
        && result.TryGetProperty("offline", out var offline) && offline.ValueKind == JsonValueKind.True;
}

/// <summary>202 body of every endpoint that starts long work.</summary>
public sealed record JobAccepted(Guid JobId, string Status, string StatusUrl, string EventsUrl);

/// <summary>What a progress bar shows of a running job.</summary>
public sealed record JobProgress(string Status, double Fraction, string? Message)
{
    public bool IsFinished => IsFinalStatus(Status);

    public static bool IsFinalStatus(string status) => status is "Succeeded" or "Failed" or "Cancelled" or "DeadLettered";
}

/// <summary>One event of a job's stream as the API sent it: its kind ("status", "progress", "turn", ...) and its data.</summary>
public sealed record JobStreamEvent(string Type, JsonElement Data);

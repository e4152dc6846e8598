namespace MarketResearch.Worker.Jobs;

internal static class WorkerIdentity
{
    private const int MaxLength = 128;

    /// <summary>Host, process and a random part: unique even when a restarted process reuses a pid.</summary>
    public static string Create()
    {
        var id = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return id.Length > MaxLength ? id[..MaxLength] : id;
    }
}

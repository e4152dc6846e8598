namespace MarketResearch.Worker.Knowledge;

/// <summary>Wall time of each ingestion stage, logged and returned in the job result to show where the time goes.</summary>
internal sealed class IngestionStages
{
    public TimeSpan Load { get; set; }
    public TimeSpan Extraction { get; set; }
    public TimeSpan Chunking { get; set; }
    public TimeSpan Embedding { get; set; }
    public TimeSpan Insert { get; set; }
    public TimeSpan Progress { get; set; }

    public IReadOnlyDictionary<string, long> ToMilliseconds() => new Dictionary<string, long>
    {
        ["load"] = (long)Load.TotalMilliseconds,
        ["extraction"] = (long)Extraction.TotalMilliseconds,
        ["chunking"] = (long)Chunking.TotalMilliseconds,
        ["embedding"] = (long)Embedding.TotalMilliseconds,
        ["insert"] = (long)Insert.TotalMilliseconds,
        ["progress"] = (long)Progress.TotalMilliseconds,
    };
}

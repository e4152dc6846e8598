namespace MarketResearch.Domain.Knowledge;

/// <summary>The ingestion job: read, chunk, embed and index one document.</summary>
public sealed record DocumentIngestionPayload(Guid DocumentId)
{
    public const string JobType = "knowledge.ingest";
}

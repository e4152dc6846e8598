namespace MarketResearch.Web.Knowledge;

public sealed record DocumentDetails(
    Guid Id,
    Guid ProjectId,
    string Name,
    string Kind,
    long SizeBytes,
    string Status,
    double Progress,
    string? Error,
    int? PageCount,
    int ChunkCount,
    Guid JobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? IndexedAt)
{
    /// <summary>Ready and Failed never change again; anything else is still being ingested.</summary>
    public bool IsFinal => Status is "Ready" or "Failed";
}

public sealed record KnowledgePassage(Guid DocumentId, string DocumentName, Guid ChunkId, int? Page, string? Section, string Text, double Score)
{
    /// <summary>Where in the document the passage sits, as a reader would cite it.</summary>
    public string Location => Page is { } page ? $"page {page}" : Section is { Length: > 0 } section ? $"section “{section}”" : "whole document";
}

public sealed record KnowledgeSearchResults(string Query, IReadOnlyList<KnowledgePassage> Passages);

using MarketResearch.Domain.Knowledge;
using MarketResearch.Knowledge.Search;

namespace MarketResearch.Api.Knowledge;

public sealed record DocumentResponse(
    Guid Id,
    Guid ProjectId,
    string Name,
    string Kind,
    long SizeBytes,
    string Sha256,
    string Status,
    double Progress,
    string? Error,
    int? PageCount,
    int ChunkCount,
    Guid JobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? IndexedAt)
{
    public static DocumentResponse From(KnowledgeDocument document) => new(
        document.Id, document.ProjectId, document.Name, document.Kind.ToString(), document.SizeBytes, document.Sha256,
        document.Status.ToString(), document.Progress, document.Error, document.PageCount, document.ChunkCount, document.JobId,
        document.CreatedAt, document.IndexedAt);
}

public sealed record KnowledgeSearchRequest(string? Query, int? Top);

public sealed record KnowledgeSearchResponse(string Query, IReadOnlyList<KnowledgePassage> Passages);

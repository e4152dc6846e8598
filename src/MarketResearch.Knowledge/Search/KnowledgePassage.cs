namespace MarketResearch.Knowledge.Search;

/// <summary>
/// A search hit: the passage, where it comes from, its fused score, and its rank in each method (null when that
/// method did not find it) with the cosine similarity of the vector method.
/// </summary>
public sealed record KnowledgePassage(
    Guid DocumentId,
    string DocumentName,
    Guid ChunkId,
    int? Page,
    string? Section,
    string Text,
    double Score,
    int? KeywordRank,
    int? VectorRank,
    double? Similarity);

namespace MarketResearch.Domain.Knowledge;

/// <summary>A passage a persona's profile was grounded in; <see cref="Marker"/> is the [n] the prompt used.</summary>
public sealed record KnowledgeCitation(int Marker, Guid DocumentId, Guid ChunkId, string DocumentName, int? Page, string? Section, string Quote);

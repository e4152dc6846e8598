namespace MarketResearch.Domain.Knowledge;

/// <summary>
/// A passage of a document with its embedding (L2-normalised, stored as real[]) and, in a generated column, its
/// full-text vector. <see cref="Locale"/> chooses the text-search configuration of that column.
/// </summary>
public sealed class KnowledgeChunk
{
    public Guid Id { get; set; }
    public Guid DocumentId { get; set; }
    public Guid ProjectId { get; set; }
    public int Ordinal { get; set; }
    public string Text { get; set; } = string.Empty;
    public int? Page { get; set; }
    public string? Section { get; set; }
    public string Locale { get; set; } = string.Empty;
    public float[] Embedding { get; set; } = [];
}

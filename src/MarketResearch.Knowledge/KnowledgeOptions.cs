using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Knowledge;

/// <summary>How the vector half of a search runs.</summary>
public enum VectorSearchMode
{
    /// <summary>Exact cosine over the project's cached, normalised embeddings in process: works on plain Postgres.</summary>
    Exact,

    /// <summary>pgvector's HNSW index where the migration could create it (approximate); exact otherwise.</summary>
    Pgvector,
}

/// <summary>The "Knowledge" section: upload limits, chunking and search settings.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>Largest file accepted by upload.</summary>
    [Range(1, 1L << 32)]
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most a DOCX may expand to: everything above is treated as a zip bomb.</summary>
    [Range(1, 1L << 34)]
    public long MaxUncompressedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Highest uncompressed/compressed ratio of one large zip entry; ordinary XML stays far below.</summary>
    [Range(2, 100_000)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Entries smaller than this are not ratio-checked (tiny files compress oddly).</summary>
    [Range(0, 1L << 30)]
    public long RatioCheckMinimumBytes { get; set; } = 1024 * 1024;

    [Range(1, 1_000_000)]
    public int MaxZipEntries { get; set; } = 10_000;

    /// <summary>Soft size of a chunk in characters; MiniLM reads about 256 word pieces, roughly this much English.</summary>
    [Range(100, 20_000)]
    public int ChunkCharacters { get; set; } = 1000;

    /// <summary>Characters of the previous chunk repeated at the start of the next one in the same section.</summary>
    [Range(0, 5_000)]
    public int ChunkOverlapCharacters { get; set; } = 150;

    /// <summary>
    /// Texts embedded per call while ingesting (progress is reported per batch). Smaller batches end the parallel runs
    /// closer together (the last pair of 64 could leave a core idle for a second); each costs one progress write.
    /// </summary>
    [Range(1, 4096)]
    public int EmbeddingBatchSize { get; set; } = 32;

    /// <summary>Embedding batches in flight at once while ingesting (MiniLM uses one core per batch).</summary>
    [Range(1, 64)]
    public int EmbeddingParallelism { get; set; } = 2;

    /// <summary>Candidates each of keyword and vector search contributes to the fusion.</summary>
    [Range(1, 10_000)]
    public int CandidatesPerMethod { get; set; } = 50;

    /// <summary>
    /// Most keyword matches ranked by ts_rank per search (each of the AND and OR sets). Ranking reads every matched tsvector, so a query whose
    /// words are everywhere would rank the whole project; beyond this many matches an arbitrary subset is ranked
    /// (recall of the keyword half traded for a bounded cost; the vector half still scans every chunk exactly).
    /// </summary>
    [Range(1, 1_000_000)]
    public int KeywordRankedMatches { get; set; } = 2000;

    /// <summary>The k of reciprocal rank fusion: 1/(k + rank); 60 is the value of the original paper.</summary>
    [Range(1, 10_000)]
    public int FusionK { get; set; } = 60;

    [Range(1, 1000)]
    public int DefaultTop { get; set; } = 5;

    [Range(1, 1000)]
    public int MaxTop { get; set; } = 50;

    [Range(1, 100_000)]
    public int MaxQueryCharacters { get; set; } = 2000;

    /// <summary>Distinct words of a query the keyword search uses.</summary>
    [Range(1, 1000)]
    public int MaxQueryTerms { get; set; } = 32;

    /// <summary>Projects whose embedding matrix is kept in memory (each costs chunks × dimensions × 4 bytes).</summary>
    [Range(1, 10_000)]
    public int CachedProjects { get; set; } = 8;

    /// <summary>Query texts whose embedding is kept in memory (each costs dimensions × 4 bytes plus the text).</summary>
    [Range(0, 1_000_000)]
    public int CachedQueryEmbeddings { get; set; } = 512;

    public VectorSearchMode VectorSearch { get; set; } = VectorSearchMode.Exact;

    /// <summary>Passages put into a grounded persona-profile prompt.</summary>
    [Range(1, 50)]
    public int GroundingPassages { get; set; } = 3;

    /// <summary>Longest quote stored with a citation.</summary>
    [Range(20, 10_000)]
    public int CitationQuoteCharacters { get; set; } = 300;
}

namespace MarketResearch.Domain.Knowledge;

/// <summary>What an upload was recognised as, from its bytes (never from its name alone).</summary>
public enum DocumentKind
{
    Pdf,
    Docx,
    Markdown,
    Text,
}

public enum DocumentStatus
{
    /// <summary>Stored; its ingestion job has not started.</summary>
    Queued,

    /// <summary>Being read, chunked and embedded.</summary>
    Processing,

    /// <summary>Its chunks are searchable.</summary>
    Ready,

    /// <summary>Ingestion gave up; <see cref="KnowledgeDocument.Error"/> says why.</summary>
    Failed,
}

/// <summary>
/// A file a researcher uploaded to a project's knowledge base. The bytes live in <see cref="KnowledgeDocumentContent"/>
/// so listing documents never reads them; chunks exist only while the document is Ready.
/// </summary>
public sealed class KnowledgeDocument
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public string Name { get; set; } = string.Empty;
    public DocumentKind Kind { get; set; }
    public long SizeBytes { get; set; }

    /// <summary>SHA-256 of the stored bytes, lower-case hex.</summary>
    public string Sha256 { get; set; } = string.Empty;
    public DocumentStatus Status { get; set; }
    public double Progress { get; set; }
    public string? Error { get; set; }
    public int? PageCount { get; set; }
    public int ChunkCount { get; set; }
    public Guid JobId { get; set; }
    public Guid UploadedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the current chunks were written; search caches key on it.</summary>
    public DateTimeOffset? IndexedAt { get; set; }
}

/// <summary>The uploaded bytes, kept in Postgres so one backup covers every user file.</summary>
public sealed class KnowledgeDocumentContent
{
    public Guid DocumentId { get; set; }
    public byte[] Bytes { get; set; } = [];
}

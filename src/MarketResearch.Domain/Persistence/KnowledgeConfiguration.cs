using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Knowledge;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace MarketResearch.Domain.Persistence;

internal sealed class KnowledgeDocumentConfiguration : IEntityTypeConfiguration<KnowledgeDocument>
{
    public void Configure(EntityTypeBuilder<KnowledgeDocument> builder)
    {
        builder.ToTable("knowledge_documents");
        builder.HasKey(document => document.Id);
        builder.Property(document => document.Name).HasMaxLength(KnowledgeLimits.MaxNameLength).IsRequired();
        builder.Property(document => document.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(document => document.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(document => document.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(document => document.Error).HasMaxLength(KnowledgeLimits.MaxErrorLength);
        // The document list of a project is paged newest first.
        builder.HasIndex(document => new { document.ProjectId, document.CreatedAt, document.Id });
        builder.HasOne<Project>().WithMany().HasForeignKey(document => document.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Job>().WithMany().HasForeignKey(document => document.JobId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<KnowledgeDocumentContent>().WithOne().HasForeignKey<KnowledgeDocumentContent>(content => content.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KnowledgeDocumentContentConfiguration : IEntityTypeConfiguration<KnowledgeDocumentContent>
{
    public void Configure(EntityTypeBuilder<KnowledgeDocumentContent> builder)
    {
        builder.ToTable("knowledge_document_contents");
        builder.HasKey(content => content.DocumentId);
        builder.Property(content => content.Bytes).HasColumnType("bytea").IsRequired();
    }
}

internal sealed class KnowledgeChunkConfiguration : IEntityTypeConfiguration<KnowledgeChunk>
{
    /// <summary>The generated full-text column; not mapped to a CLR property, searched with SQL.</summary>
    public const string SearchVectorColumn = "search_vector";

    public void Configure(EntityTypeBuilder<KnowledgeChunk> builder)
    {
        builder.ToTable("knowledge_chunks");
        builder.HasKey(chunk => chunk.Id);
        builder.Property(chunk => chunk.Text).IsRequired();
        builder.Property(chunk => chunk.Section).HasMaxLength(KnowledgeLimits.MaxSectionLength);
        builder.Property(chunk => chunk.Locale).HasMaxLength(8);
        builder.Property(chunk => chunk.Embedding).HasColumnType("real[]").IsRequired();
        builder.Property<NpgsqlTsVector>("SearchVector")
            .HasColumnName(SearchVectorColumn)
            .HasComputedColumnSql($"to_tsvector({TextSearchConfig.SqlCase}, text)", stored: true);
        builder.HasIndex("SearchVector").HasMethod("GIN");
        builder.HasIndex(chunk => new { chunk.DocumentId, chunk.Ordinal }).IsUnique();
        builder.HasIndex(chunk => chunk.ProjectId);
        builder.HasOne<KnowledgeDocument>().WithMany().HasForeignKey(chunk => chunk.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketResearch.Domain.Persistence;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("projects");
        builder.HasKey(project => project.Id);
        builder.Property(project => project.Id).ValueGeneratedNever();
        builder.Property(project => project.Name).HasMaxLength(ProjectDraftValidator.MaxNameLength).IsRequired();
        builder.Property(project => project.Description).HasMaxLength(ProjectDraftValidator.MaxTextLength);
        builder.Property(project => project.Objectives).HasMaxLength(ProjectDraftValidator.MaxTextLength);
        builder.Property(project => project.Locale).HasMaxLength(8).IsRequired();
        builder.Property(project => project.Audience)
            // json, not jsonb: jsonb reorders keys, and the researcher's order of age bands and values is meaningful.
            .HasColumnType("json")
            .HasConversion(new TargetAudienceJsonConverter(), new TargetAudienceComparer())
            .IsRequired();
        // Keyset paging walks projects newest first.
        builder.HasIndex(project => project.CreatedAt);
    }
}

using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Knowledge;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketResearch.Domain.Persistence;

internal sealed class PersonaConfiguration : IEntityTypeConfiguration<Persona>
{
    public void Configure(EntityTypeBuilder<Persona> builder)
    {
        builder.ToTable("personas");
        builder.HasKey(persona => persona.Id);
        builder.Property(persona => persona.Name).HasMaxLength(200).IsRequired();
        builder.Property(persona => persona.Gender).HasMaxLength(100);
        builder.Property(persona => persona.Locale).HasMaxLength(8);
        builder.Property(persona => persona.Archetype).HasMaxLength(32);
        builder.Property(persona => persona.GeneratedBy).HasMaxLength(200);
        builder.Property(persona => persona.Demographics).HasColumnType("jsonb").HasConversion(new JsonValueConverter<Dictionary<string, string>>(), JsonValueConverter<Dictionary<string, string>>.Comparer);
        builder.Property(persona => persona.Traits).HasColumnType("jsonb").HasConversion(new JsonValueConverter<Dictionary<string, double>>(), JsonValueConverter<Dictionary<string, double>>.Comparer);
        builder.Property(persona => persona.Profile).HasColumnType("jsonb");
        builder.Property(persona => persona.Citations).HasColumnType("jsonb").HasConversion(new JsonValueConverter<List<KnowledgeCitation>>(), JsonValueConverter<List<KnowledgeCitation>>.Comparer);
        builder.HasIndex(persona => new { persona.JobId, persona.Slot }).IsUnique();
        // The persona list of a project is paged newest first.
        builder.HasIndex(persona => new { persona.ProjectId, persona.CreatedAt, persona.Id });
        builder.HasOne<Project>().WithMany().HasForeignKey(persona => persona.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Job>().WithMany().HasForeignKey(persona => persona.JobId).OnDelete(DeleteBehavior.NoAction);
    }
}

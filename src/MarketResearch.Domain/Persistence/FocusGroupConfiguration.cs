using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketResearch.Domain.Persistence;

internal sealed class FocusGroupConfiguration : IEntityTypeConfiguration<FocusGroup>
{
    public void Configure(EntityTypeBuilder<FocusGroup> builder)
    {
        builder.ToTable("focus_groups");
        builder.HasKey(group => group.Id);
        builder.Property(group => group.Name).HasMaxLength(FocusGroupDraftValidator.MaxNameLength).IsRequired();
        builder.Property(group => group.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(group => group.Questions).HasColumnType("jsonb").HasConversion(new JsonValueConverter<List<string>>(), JsonValueConverter<List<string>>.Comparer);
        // The list of a project's focus groups is paged newest first.
        builder.HasIndex(group => new { group.ProjectId, group.CreatedAt, group.Id });
        builder.HasOne<Project>().WithMany().HasForeignKey(group => group.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Job>().WithMany().HasForeignKey(group => group.LastJobId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class FocusGroupTurnConfiguration : IEntityTypeConfiguration<FocusGroupTurn>
{
    public void Configure(EntityTypeBuilder<FocusGroupTurn> builder)
    {
        builder.ToTable("focus_group_turns");
        builder.HasKey(turn => turn.Id);
        builder.Property(turn => turn.SpeakerName).HasMaxLength(200);
        builder.HasIndex(turn => new { turn.JobId, turn.Sequence }).IsUnique();
        // Transcript reads and the graph projection go by focus group and run, per question.
        builder.HasIndex(turn => new { turn.FocusGroupId, turn.JobId, turn.QuestionIndex });
        builder.HasIndex(turn => turn.SpeakerPersonaId);
        builder.HasOne<FocusGroup>().WithMany().HasForeignKey(turn => turn.FocusGroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Job>().WithMany().HasForeignKey(turn => turn.JobId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Persona>().WithMany().HasForeignKey(turn => turn.SpeakerPersonaId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FocusGroupInsightConfiguration : IEntityTypeConfiguration<FocusGroupInsight>
{
    public void Configure(EntityTypeBuilder<FocusGroupInsight> builder)
    {
        builder.ToTable("focus_group_insights");
        builder.HasKey(insight => insight.JobId);
        builder.Property(insight => insight.Insights).HasColumnType("jsonb");
        builder.Property(insight => insight.Statistics).HasColumnType("jsonb");
        builder.Property(insight => insight.GeneratedBy).HasMaxLength(200);
        builder.Property(insight => insight.PromptVersion).HasMaxLength(100);
        builder.HasIndex(insight => insight.FocusGroupId);
        builder.HasOne<FocusGroup>().WithMany().HasForeignKey(insight => insight.FocusGroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Job>().WithMany().HasForeignKey(insight => insight.JobId).OnDelete(DeleteBehavior.NoAction);
    }
}

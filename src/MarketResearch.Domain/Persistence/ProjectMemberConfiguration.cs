using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketResearch.Domain.Persistence;

internal sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> builder)
    {
        builder.ToTable("project_members");
        builder.HasKey(member => new { member.ProjectId, member.UserId });
        // "My projects" is the hot query: by user first.
        builder.HasIndex(member => new { member.UserId, member.ProjectId });
        builder.Property(member => member.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Project>().WithMany().HasForeignKey(member => member.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ResearchUser>().WithMany().HasForeignKey(member => member.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketResearch.Domain.Persistence;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(job => job.Id);
        builder.Property(job => job.Type).HasMaxLength(64).IsRequired();
        builder.Property(job => job.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(job => job.LeaseOwner).HasMaxLength(128);
        builder.Property(job => job.ProgressMessage).HasMaxLength(500);
        builder.Property(job => job.Error).HasMaxLength(4000);
        builder.Property(job => job.Payload).HasColumnType("jsonb");
        builder.Property(job => job.Result).HasColumnType("jsonb");
        // The claim query's index: only queued rows, in the order they are taken.
        builder.HasIndex(job => new { job.Priority, job.RunAfter, job.Id })
            .HasDatabaseName("ix_jobs_claim_order")
            .IsDescending(true, false, false)
            .HasFilter("status = 'Queued'");
        // Reclaiming looks only at running rows whose lease ran out.
        builder.HasIndex(job => job.LeaseExpiresAt).HasDatabaseName("ix_jobs_running_lease").HasFilter("status = 'Running'");
        builder.HasIndex(job => new { job.ProjectId, job.CreatedAt });
        builder.HasOne<Project>().WithMany().HasForeignKey(job => job.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JobEventConfiguration : IEntityTypeConfiguration<JobEvent>
{
    public void Configure(EntityTypeBuilder<JobEvent> builder)
    {
        builder.ToTable("job_events");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Id).UseIdentityAlwaysColumn();
        builder.Property(entry => entry.Type).HasMaxLength(32).IsRequired();
        builder.Property(entry => entry.Data).HasColumnType("jsonb");
        builder.HasIndex(entry => new { entry.JobId, entry.Id });
        builder.HasOne<Job>().WithMany().HasForeignKey(entry => entry.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

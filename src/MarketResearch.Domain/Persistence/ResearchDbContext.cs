using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Domain.Persistence;

/// <summary>The EF Core model of everything MarketResearch keeps in Postgres, its single source of truth.</summary>
public sealed class ResearchDbContext(DbContextOptions<ResearchDbContext> options)
    : IdentityDbContext<ResearchUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobEvent> JobEvents => Set<JobEvent>();
    public DbSet<Persona> Personas => Set<Persona>();
    public DbSet<FocusGroup> FocusGroups => Set<FocusGroup>();
    public DbSet<FocusGroupTurn> FocusGroupTurns => Set<FocusGroupTurn>();
    public DbSet<FocusGroupInsight> FocusGroupInsights => Set<FocusGroupInsight>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ResearchDbContext).Assembly);
    }
}

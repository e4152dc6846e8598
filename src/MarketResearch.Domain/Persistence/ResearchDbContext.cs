using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Domain.Persistence;

/// <summary>The EF Core model of everything MarketResearch keeps in Postgres, its single source of truth.</summary>
public sealed class ResearchDbContext(DbContextOptions<ResearchDbContext> options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ResearchDbContext).Assembly);
}

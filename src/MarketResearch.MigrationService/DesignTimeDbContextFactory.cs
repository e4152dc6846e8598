using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MarketResearch.MigrationService;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ResearchDbContext>
{
    public ResearchDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ResearchDbContext>()
            .UseNpgsql("Host=localhost;Database=marketresearch", npgsql => npgsql.MigrationsAssembly(typeof(ResearchDbContext).Assembly.GetName().Name));
        options.UseResearchConventions();
        return new ResearchDbContext(options.Options);
    }
}

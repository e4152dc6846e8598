using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Domain.Persistence;

public static class ResearchDbContextOptions
{
    /// <summary>The conventions every host (API, worker, migrations, design time) must agree on.</summary>
    public static DbContextOptionsBuilder UseResearchConventions(this DbContextOptionsBuilder options) =>
        options.UseSnakeCaseNamingConvention();
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketResearch.Domain.Persistence;

public static class PersistenceRegistration
{
    /// <summary>The connection name every host reads: the AppHost names the database resource so.</summary>
    public const string ConnectionName = "marketresearch";

    /// <summary>Registers the DbContext (pooled, traced, health-checked by Aspire) and the migrations-applied check.</summary>
    public static TBuilder AddResearchPersistence<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddNpgsqlDbContext<ResearchDbContext>(
            ConnectionName,
            configureDbContextOptions: options => options.UseResearchConventions());
        builder.Services.AddSingleton<MigrationsAppliedHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<MigrationsAppliedHealthCheck>("migrations");
        return builder;
    }
}

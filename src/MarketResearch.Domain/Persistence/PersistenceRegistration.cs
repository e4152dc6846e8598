using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
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
        var retry = builder.Configuration.GetSection(DatabaseRetryOptions.Section).Get<DatabaseRetryOptions>() ?? new DatabaseRetryOptions();
        builder.AddNpgsqlDbContext<ResearchDbContext>(
            ConnectionName,
            configureDbContextOptions: options =>
            {
                options.UseResearchConventions();
                if (retry.MaxRetryCount is { } count)
                {
                    options.UseNpgsql(npgsql => npgsql.EnableRetryOnFailure(count, retry.MaxRetryDelay, errorCodesToAdd: null));
                }
            });
        builder.Services.AddSingleton<MigrationsAppliedHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<MigrationsAppliedHealthCheck>("migrations");
        return builder;
    }
}

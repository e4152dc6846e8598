using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketResearch.Domain.Persistence;

/// <summary>Ready only once the schema this build expects is in the database (the migrations resource applies it).</summary>
internal sealed class MigrationsAppliedHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    // Pending migrations appear only with a new build, which starts a new process: one success is final.
    private volatile bool _applied;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_applied)
        {
            return HealthCheckResult.Healthy();
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet, first: {pending[0]}.");
        }

        _applied = true;
        return HealthCheckResult.Healthy();
    }
}

using System.Diagnostics;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketResearch.MigrationService;

/// <summary>Applies pending migrations (a no-op when none are pending), retrying while Postgres starts, then stops the host.</summary>
internal sealed partial class MigrationRunner(
    IServiceScopeFactory scopes,
    IOptions<MigrationOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<MigrationRunner> logger) : BackgroundService
{
    private static readonly ActivitySource Activity = new("MarketResearch.Migrations");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var activity = Activity.StartActivity("Apply migrations");
        try
        {
            await ApplyWithRetryAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task ApplyWithRetryAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + options.Value.StartupTimeout;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateAsync(cancellationToken);
                LogApplied(logger, pending.Count, attempt);
                return;
            }
            catch (Exception exception) when (IsTransient(exception) && DateTimeOffset.UtcNow < deadline)
            {
                LogWaiting(logger, attempt, exception.Message);
                await Task.Delay(options.Value.RetryDelay, cancellationToken);
            }
        }
    }

    /// <summary>Errors that mean "Postgres is not up yet", not "the migration is wrong".</summary>
    private static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow } => true,
        System.Net.Sockets.SocketException => true,
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is current: {Applied} migration(s) applied on attempt {Attempt}")]
    private static partial void LogApplied(ILogger logger, int applied, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Postgres not ready (attempt {Attempt}): {Reason}")]
    private static partial void LogWaiting(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Applying migrations failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

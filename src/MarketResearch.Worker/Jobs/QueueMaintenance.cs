using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Jobs;

/// <summary>Returns jobs of dead workers to the queue and samples queue depth for the gauges. Safe on every replica.</summary>
internal sealed partial class QueueMaintenance(
    IServiceScopeFactory scopes, JobMetrics metrics, IOptions<JobRunnerOptions> options, ILogger<QueueMaintenance> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var reclaimed = await scope.ServiceProvider.GetRequiredService<JobQueue>().ReclaimExpiredAsync(stoppingToken);
                if (reclaimed > 0)
                {
                    LogReclaimed(logger, reclaimed);
                }

                var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
                var counts = await db.Jobs.Where(job => job.Status == JobStatus.Queued || job.Status == JobStatus.Running)
                    .GroupBy(job => job.Status)
                    .Select(group => new { Status = group.Key, Count = group.LongCount() })
                    .ToListAsync(stoppingToken);
                metrics.Sample(
                    counts.Where(row => row.Status == JobStatus.Queued).Sum(row => row.Count),
                    counts.Where(row => row.Status == JobStatus.Running).Sum(row => row.Count));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogMaintenanceFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reclaimed {Count} job(s) whose worker stopped responding")]
    private static partial void LogReclaimed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue maintenance failed")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}

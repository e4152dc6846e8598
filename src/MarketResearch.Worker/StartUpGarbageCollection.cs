using System.Diagnostics;

namespace MarketResearch.Worker;

/// <summary>A start-up rehearsal (JIT, connections, models) whose garbage <see cref="StartUpGarbageCollection"/> collects.</summary>
internal interface IStartUpRehearsal;

/// <summary>
/// Once every start-up rehearsal has finished, collects their garbage in one compacting collection, off any job's path.
/// Left to the runtime, the first collection came during an early job instead and paused it for 47–85 ms: the 20
/// requests of a persona panel then left over 60–80 ms instead of 10 (BENCHMARKS.md, session 7).
/// </summary>
internal sealed partial class StartUpGarbageCollection(IServiceProvider services, ILogger<StartUpGarbageCollection> logger) : BackgroundService
{
    private const double Megabyte = 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Registered last, so every rehearsal has been started (and has its task) by now.
        var rehearsals = services.GetServices<IHostedService>().OfType<IStartUpRehearsal>().OfType<BackgroundService>()
            .Select(rehearsal => rehearsal.ExecuteTask).OfType<Task>().ToList();
        try
        {
            await Task.WhenAll(rehearsals).WaitAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A rehearsal that failed reports itself; what it left behind is collected all the same.
        }

        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        var started = Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        LogCollected(logger, rehearsals.Count, heapBefore / Megabyte, GC.GetTotalMemory(forceFullCollection: false) / Megabyte,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Collected the garbage of {Rehearsals} start-up rehearsals: managed heap {BeforeMb:0} → {AfterMb:0} MB in {ElapsedMs:0} ms")]
    private static partial void LogCollected(ILogger logger, int rehearsals, double beforeMb, double afterMb, double elapsedMs);
}

using System.Diagnostics;
using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Metrics;
using MarketResearch.Backup.Postgres;
using MarketResearch.Backup.Redis;
using MarketResearch.Backup.Tools;
using MarketResearch.Backup.Verification;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketResearch.Backup.Commands;

/// <summary>`backup run`: capture, verify, record the metrics, and prune only after a verified backup.</summary>
internal sealed partial class BackupRun(
    BackupCatalog catalog,
    PostgresDump postgres,
    RedisSnapshot redis,
    BackupVerifier verifier,
    BackupPruning pruning,
    IOptions<BackupSources> sources,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<BackupRun> logger)
{
    public async Task<(BackupEntry Backup, bool Verified)> ExecuteAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var startedAt = time.GetUtcNow();
        var backup = catalog.Create(BackupId.At(startedAt));
        var manifest = new BackupManifest { Id = backup.Id.ToString(), StartedAt = startedAt, Skipped = new Dictionary<string, string>() };
        LogStarted(logger, backup.Id.ToString(), backup.Folder);
        try
        {
            manifest = manifest with { Postgres = await postgres.CaptureAsync(backup, cancellationToken) };
            LogDumped(logger, manifest.Postgres.Dump.SizeBytes, manifest.Postgres.Tables.Count, manifest.Postgres.Tables.Sum(table => table.Rows), watch.Elapsed.TotalSeconds);
            manifest = (await CaptureRedisAsync(backup, manifest, cancellationToken)) with { FinishedAt = time.GetUtcNow() };
            backup = await catalog.SaveAsync(backup, manifest, cancellationToken);

            manifest = manifest with { Verification = await verifier.VerifyAsync(backup, cancellationToken) };
            backup = await catalog.SaveAsync(backup, manifest, cancellationToken);
        }
        catch (Exception exception) when (exception is BackupFailedException or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, backup.Id.ToString(), exception.Message);
            backup = await catalog.SaveAsync(backup, manifest with { Failure = exception.Message }, CancellationToken.None);
        }

        var verified = backup.Status == BackupStatus.Verified;
        if (verified)
        {
            LogVerified(logger, backup.Id.ToString(), watch.Elapsed.TotalSeconds, manifest.Verification!.RestoreSeconds);
            pruning.Prune();
        }

        await WriteMetricsAsync(backup, watch.Elapsed, cancellationToken);
        return (backup, verified);
    }

    /// <summary>Redis holds only rebuildable data: a failed snapshot is recorded and logged but does not fail the backup.</summary>
    private async Task<BackupManifest> CaptureRedisAsync(BackupEntry backup, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var skipped = new Dictionary<string, string>(manifest.Skipped)
        {
            ["graph"] = sources.Value.Graph is null
                ? "not configured (ConnectionStrings:graph is not set; the graph then lives in Postgres)"
                : "Neo4j is dumped on its own server with neo4j-admin (docs/operations.md); it is rebuilt from Postgres transcripts",
        };
        if (sources.Value.Redis is null)
        {
            skipped["redis"] = "not configured (ConnectionStrings:redis is not set)";
            return manifest with { Skipped = skipped };
        }

        RedisEndpoint.TryParse(sources.Value.Redis, out var endpoint, out _);
        try
        {
            var snapshot = await redis.CaptureAsync(endpoint!, backup, cancellationToken);
            LogRedis(logger, snapshot.SizeBytes, endpoint!.ToString());
            return manifest with { Redis = snapshot, Skipped = skipped };
        }
        catch (BackupFailedException exception)
        {
            LogRedisFailed(logger, exception.Message);
            skipped["redis"] = $"snapshot failed: {exception.Message}";
            return manifest with { Skipped = skipped };
        }
    }

    private async Task WriteMetricsAsync(BackupEntry backup, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.MetricsFile))
        {
            return;
        }

        var metrics = BackupRunMetrics.From(catalog.List(), backup, duration);
        await PrometheusTextfile.WriteAsync(options.Value.MetricsFile, metrics, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Id} started in {Folder}")]
    private static partial void LogStarted(ILogger logger, string id, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Postgres dumped: {Bytes} bytes, {Tables} tables, {Rows} rows, after {Seconds:F1} s")]
    private static partial void LogDumped(ILogger logger, long bytes, int tables, long rows, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis snapshot of {Endpoint}: {Bytes} bytes")]
    private static partial void LogRedis(ILogger logger, long bytes, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis snapshot failed (Redis holds only rebuildable data; the backup goes on): {Reason}")]
    private static partial void LogRedisFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Id} verified in {Seconds:F1} s (scratch restore and compare {RestoreSeconds:F1} s)")]
    private static partial void LogVerified(ILogger logger, string id, double seconds, double restoreSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {Id} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string id, string reason);
}

using System.Diagnostics;
using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Postgres;
using MarketResearch.Backup.Redis;
using MarketResearch.Backup.Tools;
using Npgsql;

namespace MarketResearch.Backup.Verification;

/// <summary>
/// Proves a backup restores: artifact checksums, redis-check-rdb, then a restore of the dump into a scratch
/// database whose every table must match the manifest's row count and checksum. The scratch database is dropped.
/// </summary>
internal sealed partial class BackupVerifier(
    PostgresRestore restore, DatabaseAdmin admin, RedisSnapshot redis, TimeProvider time, ILogger<BackupVerifier> logger)
{
    public async Task<VerificationResult> VerifyAsync(BackupEntry backup, CancellationToken cancellationToken)
    {
        var manifest = backup.RequireManifest();
        var problems = new List<string>();
        if (manifest.Postgres is null)
        {
            problems.Add("The manifest records no Postgres dump.");
        }

        foreach (var artifact in new[] { manifest.Postgres?.Dump, manifest.Redis }.OfType<FileArtifact>())
        {
            if (await FileChecksum.ProblemAsync(backup, artifact, cancellationToken) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (problems.Count == 0 && manifest.Redis is not null && await redis.ProblemAsync(backup.PathOf(manifest.Redis.File), cancellationToken) is { } rdbProblem)
        {
            problems.Add(rdbProblem);
        }

        var restoreSeconds = 0d;
        if (problems.Count == 0 && manifest.Postgres is { } postgres)
        {
            var scratch = ScratchDatabase.ForVerify(postgres.Database.Name, backup.Id);
            var watch = Stopwatch.StartNew();
            try
            {
                var restored = await restore.IntoNewDatabaseAsync(backup.PathOf(postgres.Dump.File), scratch, postgres.Database, cancellationToken);
                restoreSeconds = watch.Elapsed.TotalSeconds;
                problems.AddRange(FingerprintComparison.Differences(postgres.Tables, restored));
            }
            catch (Exception exception) when (exception is BackupFailedException or NpgsqlException)
            {
                problems.Add($"Restoring into the scratch database {scratch} failed: {exception.Message}");
            }
            finally
            {
                // Not the caller's token: a cancelled verify must still not leave a copy of the data behind.
                await admin.DropIfExistsAsync(scratch, CancellationToken.None);
            }
        }

        foreach (var problem in problems)
        {
            LogProblem(logger, backup.Id.ToString(), problem);
        }

        return new VerificationResult(time.GetUtcNow(), problems.Count == 0, problems, restoreSeconds);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {Id} failed verification: {Problem}")]
    private static partial void LogProblem(ILogger logger, string id, string problem);
}

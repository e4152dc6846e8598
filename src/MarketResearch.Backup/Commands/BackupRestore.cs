using System.Diagnostics;
using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Postgres;
using MarketResearch.Backup.Tools;
using MarketResearch.Backup.Verification;
using Microsoft.Extensions.Options;

namespace MarketResearch.Backup.Commands;

/// <summary>
/// `backup restore`: restores beside the target into a staging database, verifies it against the manifest, and
/// only then drops the target and renames the staging database into its place. A restore that fails or does not
/// match leaves the target as it was.
/// </summary>
internal sealed partial class BackupRestore(
    BackupCatalog catalog,
    PostgresRestore restore,
    DatabaseAdmin admin,
    PostgresEndpoint endpoint,
    IOptions<BackupOptions> options,
    ILogger<BackupRestore> logger)
{
    private static readonly string[] Templates = ["template0", "template1"];

    public async Task<RestoreOutcome> ExecuteAsync(string idOrLatest, string? targetDatabase, CancellationToken cancellationToken)
    {
        var backup = catalog.Find(idOrLatest);
        var manifest = backup.RequireManifest();
        var postgres = manifest.Postgres;
        if (manifest.Failure is not null || postgres is null)
        {
            throw new BackupFailedException($"Backup {backup.Id} has no complete dump: {manifest.Failure ?? "the manifest records none"}.");
        }

        var target = targetDatabase ?? endpoint.Database;
        if (target == options.Value.MaintenanceDatabase || Templates.Contains(target))
        {
            throw new BackupFailedException($"Refusing to replace {target}: it is the maintenance database or a template.");
        }

        if (await FileChecksum.ProblemAsync(backup, postgres.Dump, cancellationToken) is { } damaged)
        {
            throw new BackupFailedException(damaged);
        }

        var watch = Stopwatch.StartNew();
        var staging = ScratchDatabase.ForRestore(target);
        LogRestoring(logger, backup.Id.ToString(), staging, target);
        IReadOnlyList<string> differences;
        try
        {
            var restored = await restore.IntoNewDatabaseAsync(backup.PathOf(postgres.Dump.File), staging, postgres.Database, cancellationToken);
            differences = FingerprintComparison.Differences(postgres.Tables, restored);
        }
        catch
        {
            await admin.DropIfExistsAsync(staging, CancellationToken.None);
            throw;
        }

        if (differences.Count > 0)
        {
            await admin.DropIfExistsAsync(staging, CancellationToken.None);
            return new RestoreOutcome(backup, target, Replaced: false, differences, watch.Elapsed);
        }

        // The only moment without a target database: between these two statements, milliseconds.
        await admin.DropIfExistsAsync(target, cancellationToken);
        await admin.RenameAsync(staging, target, CancellationToken.None);
        LogRestored(logger, backup.Id.ToString(), target, postgres.Tables.Count, postgres.Tables.Sum(table => table.Rows), watch.Elapsed.TotalSeconds);
        return new RestoreOutcome(backup, target, Replaced: true, [], watch.Elapsed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Restoring backup {Id} into {Staging}; {Target} is replaced only if it verifies")]
    private static partial void LogRestoring(ILogger logger, string id, string staging, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored backup {Id} as {Target}: {Tables} tables, {Rows} rows match the manifest; {Seconds:F1} s")]
    private static partial void LogRestored(ILogger logger, string id, string target, int tables, long rows, double seconds);
}

internal sealed record RestoreOutcome(BackupEntry Backup, string Target, bool Replaced, IReadOnlyList<string> Differences, TimeSpan Duration);

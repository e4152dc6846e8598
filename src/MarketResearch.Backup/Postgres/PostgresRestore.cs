using MarketResearch.Backup.Catalog;
using Microsoft.Extensions.Options;

namespace MarketResearch.Backup.Postgres;

/// <summary>Restores a dump into a new database and reports the fingerprints of what arrived.</summary>
internal sealed class PostgresRestore(PostgresEndpoint endpoint, PostgresTools tools, DatabaseAdmin admin, IOptions<BackupOptions> options)
{
    public async Task<IReadOnlyList<TableFingerprint>> IntoNewDatabaseAsync(
        string dumpPath, string database, DatabaseSettings like, CancellationToken cancellationToken)
    {
        // A database of this name can only be a leftover of an interrupted verify or restore.
        await admin.DropIfExistsAsync(database, cancellationToken);
        await admin.CreateAsync(database, like, cancellationToken);
        await tools.PgRestore.RunAsync(
            ["--exit-on-error", $"--jobs={options.Value.RestoreJobs}", "--no-password", $"--dbname={database}", dumpPath],
            endpoint.ToolEnvironment(database),
            cancellationToken);

        await using var connection = endpoint.Connect(database);
        await connection.OpenAsync(cancellationToken);
        return await TableFingerprints.TakeAsync(connection, cancellationToken);
    }
}

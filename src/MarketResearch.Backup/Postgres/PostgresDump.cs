using System.Data;
using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Tools;
using Npgsql;

namespace MarketResearch.Backup.Postgres;

/// <summary>pg_dump -Fc of the database plus the fingerprints of its tables, both from one snapshot.</summary>
internal sealed class PostgresDump(PostgresEndpoint endpoint, PostgresTools tools, DatabaseAdmin admin)
{
    public const string DumpFile = "postgres.dump";

    public async Task<PostgresArtifact> CaptureAsync(BackupEntry backup, CancellationToken cancellationToken)
    {
        var settings = await admin.ReadSettingsAsync(endpoint.Database, cancellationToken);

        await using var connection = endpoint.Connect(endpoint.Database);
        await connection.OpenAsync(cancellationToken);
        // The exported snapshot lives as long as this transaction: pg_dump imports it, so the dump and the
        // fingerprints see exactly the same committed rows while the services keep writing.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var snapshot = await ScalarAsync(connection, "SELECT pg_export_snapshot()", cancellationToken);

        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var dump = CancelOthersOnFailure(failFast, tools.PgDump.RunAsync(
            ["--format=custom", $"--snapshot={snapshot}", $"--file={backup.PathOf(DumpFile)}", "--no-password"],
            endpoint.ToolEnvironment(endpoint.Database),
            failFast.Token));
        var fingerprints = CancelOthersOnFailure(failFast, TableFingerprints.TakeAsync(connection, failFast.Token));
        await Task.WhenAll(dump, fingerprints);
        await transaction.CommitAsync(cancellationToken);

        return new PostgresArtifact(
            await FileChecksum.DescribeAsync(backup, DumpFile, cancellationToken),
            connection.ServerVersion,
            settings,
            await fingerprints);
    }

    private static async Task<T> CancelOthersOnFailure<T>(CancellationTokenSource others, Task<T> task)
    {
        try
        {
            return await task;
        }
        catch
        {
            await others.CancelAsync();
            throw;
        }
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

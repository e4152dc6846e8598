using MarketResearch.Backup.Catalog;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketResearch.Backup.Postgres;

/// <summary>Creates, drops and renames databases from the maintenance database (none of these can run inside the target).</summary>
internal sealed class DatabaseAdmin(PostgresEndpoint endpoint, IOptions<BackupOptions> options)
{
    public async Task<DatabaseSettings> ReadSettingsAsync(string database, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT datname, pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate, datctype
            FROM pg_database WHERE datname = $1
            """;
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = database } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new Tools.BackupFailedException($"Database {database} does not exist.");
        }

        return new DatabaseSettings(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
    }

    /// <summary>Template0 with the source's encoding, collation and owner, so text sorts and compares as it did.</summary>
    public Task CreateAsync(string database, DatabaseSettings like, CancellationToken cancellationToken) => ExecuteAsync(
        $"CREATE DATABASE {SqlText.Identifier(database)} WITH OWNER {SqlText.Identifier(like.Owner)} TEMPLATE template0 "
        + $"ENCODING {SqlText.Literal(like.Encoding)} LC_COLLATE {SqlText.Literal(like.Collate)} LC_CTYPE {SqlText.Literal(like.CharacterType)}",
        cancellationToken);

    /// <summary>FORCE ends the sessions still connected (the services' pools): the caller has decided to replace it.</summary>
    public Task DropIfExistsAsync(string database, CancellationToken cancellationToken) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS {SqlText.Identifier(database)} WITH (FORCE)", cancellationToken);

    public Task RenameAsync(string database, string newName, CancellationToken cancellationToken) =>
        ExecuteAsync($"ALTER DATABASE {SqlText.Identifier(database)} RENAME TO {SqlText.Identifier(newName)}", cancellationToken);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = endpoint.Connect(options.Value.MaintenanceDatabase);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}

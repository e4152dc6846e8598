using Npgsql;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// Every row of every table (as its text form, sorted) and every sequence position: two equal readings mean the
/// database holds byte-identical content. Independent of the backup tool's own checksums on purpose.
/// </summary>
internal static class DatabaseRows
{
    /// <summary>The key under which the sequences' positions are kept beside the tables.</summary>
    public const string Sequences = "(sequences)";

    public static async Task<SortedDictionary<string, List<string>>> ReadAllAsync(string connectionString)
    {
        // Unpooled: a restore ends every session, and a pooled one would break the next test that borrows it.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET bytea_output = 'hex'");

        var content = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var tables = await ListAsync(connection, """
            SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
            WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
            """);
        foreach (var table in tables)
        {
            content[table] = await ListAsync(connection, $"SELECT t::text FROM {table} AS t ORDER BY 1");
        }

        content[Sequences] = await ListAsync(connection,
            "SELECT format('%I.%I', schemaname, sequencename) || '=' || coalesce(last_value::text, 'unused') FROM pg_sequences ORDER BY 1");
        return content;
    }

    public static async Task DropEveryTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            DO $$
            DECLARE t record;
            BEGIN
              FOR t IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') LOOP
                EXECUTE format('DROP TABLE IF EXISTS %I.%I CASCADE', t.schemaname, t.tablename);
              END LOOP;
            END $$
            """);
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        var values = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

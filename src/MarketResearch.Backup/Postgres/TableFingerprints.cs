using MarketResearch.Backup.Catalog;
using Npgsql;

namespace MarketResearch.Backup.Postgres;

/// <summary>
/// Row counts and content checksums of every user table. The checksum sums the md5 of each row's text as two
/// 64-bit halves: it streams (no 1 GB string limit, unlike md5(string_agg(...))), needs no ORDER BY, and does
/// not depend on the physical row order, which a restore changes.
/// </summary>
internal static class TableFingerprints
{
    // Row text depends on these session settings; fixing them makes the same rows print the same text anywhere.
    private const string StableRowText = """
        SET TimeZone = 'UTC';
        SET DateStyle = 'ISO, YMD';
        SET IntervalStyle = 'postgres';
        SET extra_float_digits = 3;
        SET bytea_output = 'hex';
        SET lc_monetary = 'C';
        """;

    // Ordinary tables and partitions, not partitioned parents (their rows would count twice) and not tables an
    // extension owns (pg_dump leaves those to CREATE EXTENSION).
    private const string UserTables = """
        SELECT format('%I.%I', n.nspname, c.relname)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\_toast%'
          AND n.nspname NOT LIKE 'pg\_temp%'
          AND NOT EXISTS (
            SELECT 1 FROM pg_depend d
            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY 1
        """;

    public static async Task<IReadOnlyList<TableFingerprint>> TakeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var settings = new NpgsqlCommand(StableRowText, connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(UserTables, connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var fingerprints = new List<TableFingerprint>(tables.Count);
        foreach (var table in tables)
        {
            fingerprints.Add(await FingerprintAsync(connection, table, cancellationToken));
        }

        return fingerprints;
    }

    private static async Task<TableFingerprint> FingerprintAsync(NpgsqlConnection connection, string quotedTable, CancellationToken cancellationToken)
    {
        // The table name comes from format('%I.%I') above, so it is already quoted.
        var sql = $"""
            SELECT count(*),
                   coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint::numeric), 0)::text
                   || ':' || coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint::numeric), 0)::text
            FROM (SELECT md5(t::text) AS h FROM {quotedTable} AS t) AS hashed
            """;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TableFingerprint(quotedTable, reader.GetInt64(0), reader.GetString(1));
    }
}

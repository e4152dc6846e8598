using System.Globalization;
using Npgsql;

namespace MarketResearch.Backup.Postgres;

/// <summary>
/// One Postgres server as both Npgsql and the libpq tools (pg_dump, pg_restore) reach it. The libpq side gets
/// PG* environment variables, so the password never appears on a command line.
/// </summary>
internal sealed class PostgresEndpoint
{
    private readonly NpgsqlConnectionStringBuilder _settings;

    public PostgresEndpoint(string connectionString)
    {
        _settings = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Pooled connections would keep scratch databases busy and block DROP DATABASE.
            Pooling = false,
        };
    }

    /// <summary>The database the services use (ConnectionStrings:marketresearch).</summary>
    public string Database => _settings.Database!;

    public NpgsqlConnection Connect(string database)
    {
        var settings = new NpgsqlConnectionStringBuilder(_settings.ConnectionString) { Database = database };
        return new NpgsqlConnection(settings.ConnectionString);
    }

    /// <summary>libpq's names for the same settings; PGDATABASE selects the database a tool works on.</summary>
    public IReadOnlyDictionary<string, string?> ToolEnvironment(string database)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PGHOST"] = _settings.Host,
            ["PGPORT"] = _settings.Port.ToString(CultureInfo.InvariantCulture),
            ["PGDATABASE"] = database,
            ["PGUSER"] = _settings.Username,
            ["PGPASSWORD"] = _settings.Password,
            ["PGSSLMODE"] = LibpqSslMode(_settings.SslMode),
            ["PGCONNECT_TIMEOUT"] = _settings.Timeout.ToString(CultureInfo.InvariantCulture),
            ["PGAPPNAME"] = "marketresearch-backup",
        };
        return environment;
    }

    private static string LibpqSslMode(SslMode mode) => mode switch
    {
        SslMode.Disable => "disable",
        SslMode.Allow => "allow",
        SslMode.Require => "require",
        SslMode.VerifyCA => "verify-ca",
        SslMode.VerifyFull => "verify-full",
        _ => "prefer",
    };
}

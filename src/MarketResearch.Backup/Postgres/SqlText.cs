namespace MarketResearch.Backup.Postgres;

/// <summary>Quoting for the few statements (CREATE/DROP/ALTER DATABASE) that cannot take parameters.</summary>
internal static class SqlText
{
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

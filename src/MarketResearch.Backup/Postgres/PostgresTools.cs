using Microsoft.Extensions.Options;

namespace MarketResearch.Backup.Postgres;

/// <summary>pg_dump and pg_restore, from Backup:PostgresBinDirectory or PATH.</summary>
internal sealed class PostgresTools(IOptions<BackupOptions> options)
{
    public Tools.ExternalTool PgDump { get; } = Tool(options.Value, "pg_dump");

    public Tools.ExternalTool PgRestore { get; } = Tool(options.Value, "pg_restore");

    private static Tools.ExternalTool Tool(BackupOptions options, string name) => new(
        string.IsNullOrWhiteSpace(options.PostgresBinDirectory) ? name : Path.Combine(options.PostgresBinDirectory, name),
        options.ToolTimeout);
}

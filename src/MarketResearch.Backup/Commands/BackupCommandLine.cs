using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using MarketResearch.Backup.Catalog;

namespace MarketResearch.Backup.Commands;

internal enum BackupVerb
{
    Help,
    Run,
    Verify,
    Restore,
    List,
    Prune,
}

/// <summary>
/// `backup &lt;command&gt; [id] [--target-database name]`; any `--Section:Key=value` (or `--Section:Key value`)
/// is configuration, like the environment variable Section__Key.
/// </summary>
internal sealed partial record BackupCommandLine(BackupVerb Verb, string? BackupId, string? TargetDatabase, IReadOnlyList<string> ConfigurationArguments)
{
    public const string Usage = """
        Usage: backup <command> [--Section:Key=value ...]
          run                       dump Postgres and snapshot Redis, verify the dump in a scratch database, then prune
          verify <id|latest>        restore a backup into a scratch database and compare every table with its manifest
          restore <id|latest> [--target-database <name>]
                                    restore beside the target database, verify, then replace the target with it
          list                      every backup, newest first
          prune                     delete backups older than Backup:RetentionDays, always keeping the newest verified one
        Settings (environment Backup__Directory, or --Backup:Directory=/path):
          Backup:Directory, Backup:RetentionDays (30), Backup:MetricsFile, Backup:PostgresBinDirectory,
          Backup:RestoreJobs (2), Backup:ToolTimeout (02:00:00), ConnectionStrings:marketresearch, ConnectionStrings:redis
        """;

    private const string TargetDatabaseOption = "target-database";

    private static readonly Dictionary<string, BackupVerb> Verbs = new(StringComparer.Ordinal)
    {
        ["run"] = BackupVerb.Run,
        ["verify"] = BackupVerb.Verify,
        ["restore"] = BackupVerb.Restore,
        ["list"] = BackupVerb.List,
        ["prune"] = BackupVerb.Prune,
    };

    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out BackupCommandLine? command, [NotNullWhen(false)] out string? error)
    {
        command = null;
        var positional = new List<string>();
        var configuration = new List<string>();
        string? target = null;
        var help = false;

        for (var index = 0; index < args.Count; index++)
        {
            var token = args[index];
            if (token is "-h" or "--help")
            {
                help = true;
                continue;
            }

            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(token);
                continue;
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? token[2..] : token[2..equals];
            string? value = equals < 0 ? null : token[(equals + 1)..];
            if (value is null && index + 1 < args.Count && !args[index + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++index];
            }

            if (name != TargetDatabaseOption && !name.Contains(':', StringComparison.Ordinal))
            {
                error = $"Unknown option --{name}. Settings look like --Backup:Directory=/path.";
                return false;
            }

            if (value is null)
            {
                error = $"--{name} needs a value.";
                return false;
            }

            if (name == TargetDatabaseOption)
            {
                target = value;
            }
            else
            {
                configuration.Add($"--{name}={value}");
            }
        }

        if (help || positional.Count == 0)
        {
            command = new BackupCommandLine(BackupVerb.Help, null, null, configuration);
            error = null;
            return true;
        }

        return TryBuild(positional, target, configuration, out command, out error);
    }

    private static bool TryBuild(
        List<string> positional, string? target, List<string> configuration,
        [NotNullWhen(true)] out BackupCommandLine? command, [NotNullWhen(false)] out string? error)
    {
        command = null;
        if (!Verbs.TryGetValue(positional[0], out var verb))
        {
            error = $"Unknown command '{positional[0]}'.";
            return false;
        }

        var takesId = verb is BackupVerb.Verify or BackupVerb.Restore;
        var arguments = positional.Skip(1).ToList();
        if (takesId != (arguments.Count == 1) || arguments.Count > 1)
        {
            error = takesId ? $"backup {positional[0]} needs one backup id (or 'latest')." : $"backup {positional[0]} takes no arguments.";
            return false;
        }

        var id = takesId ? arguments[0] : null;
        if (id is not null && id != BackupCatalog.LatestAlias && !Catalog.BackupId.TryParse(id, out _))
        {
            error = $"'{id}' is not a backup id (like 20260101T020000Z) or 'latest'.";
            return false;
        }

        if (target is not null && (verb != BackupVerb.Restore || !DatabaseName().IsMatch(target)))
        {
            error = verb != BackupVerb.Restore
                ? "--target-database belongs to restore only."
                : $"'{target}' is not a database name this tool creates (letters, digits, _ and -, at most 63).";
            return false;
        }

        command = new BackupCommandLine(verb, id, target, configuration);
        error = null;
        return true;
    }

    // Passed to pg_restore as --dbname: an '=' or a URI prefix would turn it into a connection string.
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,62}$")]
    private static partial Regex DatabaseName();
}

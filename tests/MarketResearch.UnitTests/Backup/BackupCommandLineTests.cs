using MarketResearch.Backup.Commands;

namespace MarketResearch.UnitTests.Backup;

public sealed class BackupCommandLineTests
{
    [Theory]
    [InlineData("run", nameof(BackupVerb.Run))]
    [InlineData("list", nameof(BackupVerb.List))]
    [InlineData("prune", nameof(BackupVerb.Prune))]
    public void Commands_without_arguments_parse(string verb, string expected)
    {
        Assert.True(BackupCommandLine.TryParse([verb], out var command, out _));

        Assert.Equal(expected, command.Verb.ToString());
        Assert.Null(command.BackupId);
    }

    [Fact]
    public void Restore_takes_an_id_and_a_target_database_in_either_order()
    {
        Assert.True(BackupCommandLine.TryParse(["restore", "--target-database", "marketresearch_copy", "20261128T020000Z"], out var spaced, out _));
        Assert.True(BackupCommandLine.TryParse(["restore", "20261128T020000Z", "--target-database=marketresearch_copy"], out var joined, out _));

        Assert.Equal(BackupVerb.Restore, spaced.Verb);
        Assert.Equal("20261128T020000Z", spaced.BackupId);
        Assert.Equal("marketresearch_copy", spaced.TargetDatabase);
        Assert.Equal(spaced.BackupId, joined.BackupId);
        Assert.Equal(spaced.TargetDatabase, joined.TargetDatabase);
    }

    [Fact]
    public void Latest_names_the_newest_verified_backup()
    {
        Assert.True(BackupCommandLine.TryParse(["verify", "latest"], out var command, out _));

        Assert.Equal("latest", command.BackupId);
    }

    [Fact]
    public void Section_settings_become_configuration_in_key_equals_value_form()
    {
        Assert.True(BackupCommandLine.TryParse(
            ["run", "--Backup:Directory", "/backups", "--ConnectionStrings:marketresearch=Host=db;Database=mr"], out var command, out _));

        Assert.Equal(["--Backup:Directory=/backups", "--ConnectionStrings:marketresearch=Host=db;Database=mr"], command.ConfigurationArguments);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_wins_over_everything_else(string flag)
    {
        Assert.True(BackupCommandLine.TryParse(["restore", flag], out var command, out _));

        Assert.Equal(BackupVerb.Help, command.Verb);
    }

    [Theory]
    [InlineData("Unknown command", "backup")]
    [InlineData("Unknown command", "Run")]
    [InlineData("Unknown option --force", "prune", "--force")]
    [InlineData("needs one backup id", "verify")]
    [InlineData("needs one backup id", "restore", "20261128T020000Z", "20261127T020000Z")]
    [InlineData("takes no arguments", "run", "now")]
    [InlineData("is not a backup id", "verify", "yesterday")]
    [InlineData("is not a backup id", "verify", "../../etc")]
    [InlineData("belongs to restore only", "verify", "latest", "--target-database", "x")]
    [InlineData("is not a database name", "restore", "latest", "--target-database", "postgresql://evil")]
    [InlineData("is not a database name", "restore", "latest", "--target-database", "a=b")]
    [InlineData("needs a value", "restore", "latest", "--target-database")]
    [InlineData("needs a value", "run", "--Backup:Directory")]
    public void Mistakes_are_refused_with_a_reason(string reason, params string[] args)
    {
        Assert.False(BackupCommandLine.TryParse(args, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}

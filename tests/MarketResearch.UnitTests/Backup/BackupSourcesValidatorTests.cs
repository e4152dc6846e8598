using MarketResearch.Backup;

namespace MarketResearch.UnitTests.Backup;

public sealed class BackupSourcesValidatorTests
{
    private const string Database = "Host=db;Port=5432;Username=postgres;Password=p;Database=marketresearch";

    [Theory]
    [InlineData(Database, null)]
    [InlineData(Database, "redis:6379,password=p")]
    public void Complete_sources_pass(string database, string? redis)
    {
        var result = new BackupSourcesValidator().Validate(null, new BackupSources { Database = database, Redis = redis });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(null, null, "ConnectionStrings:marketresearch is not set")]
    [InlineData("Host=db;Username=postgres", null, "must name a Host and a Database")]
    [InlineData("Hots=db;Database=x", null, "is not a valid connection string")]
    [InlineData(Database, "password=p", "ConnectionStrings:redis")]
    public void Missing_or_broken_sources_fail_naming_the_setting(string? database, string? redis, string reason)
    {
        var result = new BackupSourcesValidator().Validate(null, new BackupSources { Database = database, Redis = redis });

        Assert.True(result.Failed);
        Assert.Contains(reason, result.FailureMessage, StringComparison.Ordinal);
    }
}

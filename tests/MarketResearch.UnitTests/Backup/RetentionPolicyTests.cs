using MarketResearch.Backup.Catalog;
using static MarketResearch.UnitTests.Backup.BackupEntries;

namespace MarketResearch.UnitTests.Backup;

public sealed class RetentionPolicyTests
{
    [Fact]
    public void Backups_older_than_the_retention_go_and_younger_ones_stay()
    {
        var young = DaysAgo(29.9, BackupStatus.Verified);
        var old = DaysAgo(30.1, BackupStatus.Verified);
        var older = DaysAgo(45, BackupStatus.Verified);

        var expired = RetentionPolicy.Expired([young, old, older], Now, retentionDays: 30);

        Assert.Equal([older.Id, old.Id], expired.Select(entry => entry.Id));
    }

    [Fact]
    public void The_newest_verified_backup_stays_however_old_it_is()
    {
        var lastGood = DaysAgo(40, BackupStatus.Verified);
        var olderGood = DaysAgo(41, BackupStatus.Verified);
        var recentFailures = new[] { DaysAgo(1, BackupStatus.Failed), DaysAgo(2, BackupStatus.Incomplete) };

        var expired = RetentionPolicy.Expired([.. recentFailures, lastGood, olderGood], Now, retentionDays: 30);

        Assert.Equal([olderGood.Id], expired.Select(entry => entry.Id));
    }

    [Theory]
    [InlineData(nameof(BackupStatus.Failed))]
    [InlineData(nameof(BackupStatus.Unverified))]
    [InlineData(nameof(BackupStatus.Incomplete))]
    public void Old_backups_that_never_verified_go_too(string status)
    {
        var broken = DaysAgo(31, Enum.Parse<BackupStatus>(status));
        var good = DaysAgo(1, BackupStatus.Verified);

        var expired = RetentionPolicy.Expired([good, broken], Now, retentionDays: 30);

        Assert.Equal([broken.Id], expired.Select(entry => entry.Id));
    }

    [Fact]
    public void A_shorter_retention_deletes_more()
    {
        var backups = Enumerable.Range(0, 10).Select(day => DaysAgo(day + 0.5, BackupStatus.Verified)).ToList();

        Assert.Empty(RetentionPolicy.Expired(backups, Now, retentionDays: 30));
        Assert.Equal(3, RetentionPolicy.Expired(backups, Now, retentionDays: 7).Count);
    }

    [Fact]
    public void A_retention_below_one_day_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionPolicy.Expired([], Now, retentionDays: 0));
    }
}

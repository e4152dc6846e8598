using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Verification;

namespace MarketResearch.UnitTests.Backup;

public sealed class FingerprintComparisonTests
{
    private static readonly TableFingerprint[] Recorded =
    [
        new("public.projects", 3, "111:222"),
        new("public.users", 2, "333:444"),
    ];

    [Fact]
    public void An_identical_restore_has_no_differences()
    {
        Assert.Empty(FingerprintComparison.Differences(Recorded, Recorded.Reverse().Select(table => table with { })));
    }

    [Fact]
    public void A_missing_table_is_named()
    {
        var difference = Assert.Single(FingerprintComparison.Differences(Recorded, [Recorded[0]]));

        Assert.Equal("public.users: in the backup, missing from the restore.", difference);
    }

    [Fact]
    public void A_table_the_manifest_does_not_know_is_named()
    {
        var difference = Assert.Single(FingerprintComparison.Differences(Recorded, [.. Recorded, new("public.extra", 0, "0:0")]));

        Assert.Contains("public.extra: restored, but not in the backup's manifest", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_row_is_reported_as_a_count()
    {
        var difference = Assert.Single(FingerprintComparison.Differences(Recorded, [Recorded[0] with { Rows = 2, Checksum = "9:9" }, Recorded[1]]));

        Assert.Equal("public.projects: 3 rows in the backup, 2 restored.", difference);
    }

    [Fact]
    public void Changed_content_with_the_same_count_is_caught_by_the_checksum()
    {
        var difference = Assert.Single(FingerprintComparison.Differences(Recorded, [Recorded[0], Recorded[1] with { Checksum = "333:445" }]));

        Assert.Contains("public.users: 2 rows as expected, but their content differs", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_names_compare_exactly_as_postgres_quotes_them()
    {
        // "Projects" and projects are different tables in Postgres.
        var differences = FingerprintComparison.Differences(Recorded, [Recorded[0] with { Table = "public.\"Projects\"" }, Recorded[1]]);

        Assert.Equal(2, differences.Count);
    }
}

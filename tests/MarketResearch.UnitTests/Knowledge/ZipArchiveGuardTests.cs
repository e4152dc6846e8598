using MarketResearch.Knowledge.Documents;
using MarketResearch.Tests.Knowledge;

namespace MarketResearch.UnitTests.Knowledge;

public sealed class ZipArchiveGuardTests
{
    private const long Limit = 64L * 1024 * 1024;
    private const int Ratio = 200;
    private const long RatioFloor = 1024 * 1024;
    private const int Entries = 100;

    [Fact]
    public void A_highly_compressed_entry_is_refused_before_extraction()
    {
        var bomb = DocumentFixtures.ZipBomb(20 * 1024 * 1024);

        var rejection = ZipArchiveGuard.Check(bomb, Limit, Ratio, RatioFloor, Entries);

        Assert.NotNull(rejection);
        Assert.Equal(400, rejection.StatusCode);
        Assert.Contains("zip bomb", rejection.Detail, StringComparison.Ordinal);
        Assert.True(bomb.Length < 100_000, $"the fixture is {bomb.Length} bytes");
    }

    [Fact]
    public void An_archive_expanding_beyond_the_total_limit_is_refused_even_at_a_low_ratio()
    {
        var bomb = DocumentFixtures.ZipBomb(3 * 1024 * 1024);

        var rejection = ZipArchiveGuard.Check(bomb, maxUncompressedBytes: 2 * 1024 * 1024, maxRatio: int.MaxValue, RatioFloor, Entries);

        Assert.NotNull(rejection);
        Assert.Contains("expand to more than", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_entries_are_refused() =>
        Assert.NotNull(ZipArchiveGuard.Check(DocumentFixtures.Docx([(null, "x")]), Limit, Ratio, RatioFloor, maxEntries: 1));

    [Fact]
    public void An_ordinary_word_document_passes()
    {
        var docx = DocumentFixtures.Docx(Enumerable.Range(0, 500).Select(index => ((string?)null, $"Paragraph {index} with ordinary words in it.")));

        Assert.Null(ZipArchiveGuard.Check(docx, Limit, Ratio, RatioFloor, Entries));
    }

    [Fact]
    public void A_damaged_archive_is_unreadable_not_a_crash()
    {
        var damaged = DocumentFixtures.Docx([(null, "x")])[..100];

        Assert.Equal(400, ZipArchiveGuard.Check(damaged, Limit, Ratio, RatioFloor, Entries)!.StatusCode);
    }
}

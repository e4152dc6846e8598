using MarketResearch.Web.Knowledge;

namespace MarketResearch.UnitTests.Web;

public sealed class ProgressReadStreamTests
{
    [Fact]
    public async Task Reports_the_bytes_read_about_once_a_percent_and_the_total_at_the_end()
    {
        const int Length = 10_000;
        var reports = new List<long>();
        var source = new byte[Length];
        Random.Shared.NextBytes(source);
        await using var stream = new ProgressReadStream(new MemoryStream(source), Length, reports.Add);
        using var copy = new MemoryStream();
        var buffer = new byte[37];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        Assert.Equal(source, copy.ToArray());
        Assert.Equal(Length, reports[^1]);
        Assert.Equal(reports.Order(), reports);
        // One report per percent (100 bytes here), not one per read (271 reads of 37 bytes).
        Assert.InRange(reports.Count, 50, 101);
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 100 || pair.Second == Length));
    }
}

using MarketResearch.Api;
using MarketResearch.Api.Infrastructure;

namespace MarketResearch.UnitTests.Api;

public sealed class PagingTests
{
    private static readonly ApiOptions Options = new() { DefaultPageSize = 25, MaxPageSize = 100 };

    [Fact]
    public void A_cursor_round_trips()
    {
        var cursor = new PageCursor(new DateTimeOffset(2026, 11, 28, 13, 0, 0, 123, TimeSpan.Zero), Guid.CreateVersion7());

        Assert.True(PageCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("bm9wZQ")]
    [InlineData("")]
    public void Foreign_cursors_are_a_field_error(string cursor)
    {
        Assert.False(PageRequest.TryCreate(null, cursor, Options, out _, out var errors));
        Assert.Contains("cursor", errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void Limits_outside_the_range_are_a_field_error(int limit)
    {
        Assert.False(PageRequest.TryCreate(limit, null, Options, out _, out var errors));
        Assert.Contains("limit", errors.Keys);
    }

    [Fact]
    public void The_extra_row_becomes_the_next_cursor_of_the_last_item_shown()
    {
        var rows = Enumerable.Range(0, 4).Select(index => (Id: Guid.CreateVersion7(), At: DateTimeOffset.UnixEpoch.AddDays(-index))).ToList();

        var page = Page<Guid>.From(rows, 3, row => row.Id, row => new PageCursor(row.At, row.Id));

        Assert.Equal(rows.Take(3).Select(row => row.Id), page.Items);
        Assert.True(PageCursor.TryDecode(page.NextCursor!, out var next));
        Assert.Equal(rows[2].Id, next!.Id);
    }

    [Fact]
    public void The_last_page_has_no_cursor()
    {
        var page = Page<int>.From([1, 2], 3, row => row, _ => throw new InvalidOperationException("not called"));

        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData("$.audience.distributions.age", "audience.distributions.age")]
    [InlineData("$", "$")]
    [InlineData(null, "$")]
    [InlineData("$.name", "name")]
    public void Json_paths_become_field_names(string? path, string field) =>
        Assert.Equal(field, BadRequestExceptionHandler.JsonPathToField(path));
}

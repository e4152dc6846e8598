using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace MarketResearch.Api.Infrastructure;

/// <summary>A page of a list endpoint; <see cref="NextCursor"/> is null on the last page.</summary>
/// <remarks>Never changed once built: marked immutable so HybridCache's memory level hands out the same instance instead of a copy.</remarks>
[ImmutableObject(true)]
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>Builds a page from <paramref name="limit"/> + 1 fetched rows: the extra row only says a next page exists.</summary>
    public static Page<T> From<TRow>(IReadOnlyList<TRow> rows, int limit, Func<TRow, T> map, Func<TRow, PageCursor> cursorOf)
    {
        var items = rows.Take(limit).Select(map).ToList();
        var next = rows.Count > limit ? cursorOf(rows[limit - 1]).Encode() : null;
        return new Page<T>(items, next);
    }
}

/// <summary>The position after which the next page starts: newest-first order by time, then id.</summary>
public sealed record PageCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"));

    public static bool TryDecode(string text, out PageCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 and <= 3155378975999999999
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                cursor = new PageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
            // Not base64url: reported as a field error below.
        }

        return false;
    }
}

internal sealed record PageRequest(int Limit, PageCursor? After)
{
    public static bool TryCreate(int? limit, string? cursor, ApiOptions options, out PageRequest page, out Dictionary<string, string[]> errors)
    {
        errors = [];
        page = new PageRequest(limit ?? options.DefaultPageSize, null);
        if (page.Limit < 1 || page.Limit > options.MaxPageSize)
        {
            errors["limit"] = [$"limit must be between 1 and {options.MaxPageSize}."];
        }

        if (cursor is not null)
        {
            if (PageCursor.TryDecode(cursor, out var after))
            {
                page = page with { After = after };
            }
            else
            {
                errors["cursor"] = ["The cursor is not one this API issued; start again without it."];
            }
        }

        return errors.Count == 0;
    }
}

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.Infrastructure;

/// <summary>The one keyset-paging query every list endpoint uses: newest first by (time, id), stable while rows are added.</summary>
internal static class KeysetPaging
{
    private static readonly System.Reflection.MethodInfo GuidCompareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

    public static async Task<Page<TResponse>> ToPageAsync<TRow, TResponse>(
        this IQueryable<TRow> query,
        PageRequest page,
        Expression<Func<TRow, DateTimeOffset>> time,
        Expression<Func<TRow, Guid>> id,
        Func<TRow, PageCursor> cursorOf,
        Func<TRow, TResponse> map,
        CancellationToken cancellationToken)
    {
        if (page.After is { } after)
        {
            query = query.Where(After(time, id, after));
        }

        var rows = await query.OrderByDescending(time).ThenByDescending(id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Page<TResponse>.From(rows, page.Limit, map, cursorOf);
    }

    /// <summary>row.time &lt; after.time || (row.time == after.time &amp;&amp; row.id &lt; after.id), for any row type.</summary>
    private static Expression<Func<TRow, bool>> After<TRow>(
        Expression<Func<TRow, DateTimeOffset>> time, Expression<Func<TRow, Guid>> id, PageCursor after)
    {
        var row = time.Parameters[0];
        var rowId = new ParameterSwap(id.Parameters[0], row).Visit(id.Body);
        // Member access on the cursor object: EF Core sends these as query parameters, not literals.
        var cursor = Expression.Constant(after);
        var afterTime = Expression.Property(cursor, nameof(PageCursor.CreatedAt));
        var afterId = Expression.Property(cursor, nameof(PageCursor.Id));
        var earlier = Expression.LessThan(time.Body, afterTime);
        var sameTimeSmallerId = Expression.AndAlso(
            Expression.Equal(time.Body, afterTime),
            Expression.LessThan(Expression.Call(rowId, GuidCompareTo, afterId), Expression.Constant(0)));
        return Expression.Lambda<Func<TRow, bool>>(Expression.OrElse(earlier, sameTimeSmallerId), row);
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

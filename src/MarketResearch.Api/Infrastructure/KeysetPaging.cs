using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.Infrastructure;

/// <summary>The one keyset-paging query every list endpoint uses: newest first by (time, id), stable while rows are added.</summary>
internal static class KeysetPaging
{
    private static readonly MethodInfo TupleCreate = typeof(ValueTuple).GetMethods()
        .Single(method => method.Name == nameof(ValueTuple.Create) && method.GetGenericArguments().Length == 2)
        .MakeGenericMethod(typeof(DateTimeOffset), typeof(Guid));

    private static readonly MethodInfo RowLessThan = typeof(NpgsqlDbFunctionsExtensions)
        .GetMethod(nameof(NpgsqlDbFunctionsExtensions.LessThan), [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;

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

    /// <summary>
    /// (row.time, row.id) &lt; (after.time, after.id) as one SQL row-value comparison, for any row type. Postgres uses it as an
    /// index condition on (…, time, id) and starts the walk at the cursor; the equivalent OR of two comparisons is only a
    /// filter, which makes page k read the k − 1 pages before it again.
    /// </summary>
    private static Expression<Func<TRow, bool>> After<TRow>(
        Expression<Func<TRow, DateTimeOffset>> time, Expression<Func<TRow, Guid>> id, PageCursor after)
    {
        var row = time.Parameters[0];
        var rowId = new ParameterSwap(id.Parameters[0], row).Visit(id.Body);
        // Member access on the cursor object: EF Core sends these as query parameters, not literals.
        var cursor = Expression.Constant(after);
        var afterTime = Expression.Property(cursor, nameof(PageCursor.CreatedAt));
        var afterId = Expression.Property(cursor, nameof(PageCursor.Id));
        var rowValue = Expression.Convert(Expression.Call(TupleCreate, time.Body, rowId), typeof(ITuple));
        var cursorValue = Expression.Convert(Expression.Call(TupleCreate, afterTime, afterId), typeof(ITuple));
        var before = Expression.Call(RowLessThan, Expression.Constant(EF.Functions), rowValue, cursorValue);
        return Expression.Lambda<Func<TRow, bool>>(before, row);
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

using Npgsql;
using StackExchange.Redis;

namespace MarketResearch.Api.Security;

/// <summary>Tells a shared store (Postgres, Redis) that did not answer apart from a failure of the request itself.</summary>
internal static class StoreOutage
{
    public static bool Caused(Exception exception, CancellationToken requestAborted) => exception switch
    {
        StoreUnavailableException or RedisException or TimeoutException => true,
        // Connection refused or reset, or a read that timed out: the database is away, not the request wrong.
        NpgsqlException { IsTransient: true } => true,
        // A dying Redis socket fails its commands with these; a cancellation the client did not ask for is a store's timeout.
        OperationCanceledException when !requestAborted.IsCancellationRequested => true,
        // EF and the Redis client wrap the cause (DbUpdateException, "transient failure" InvalidOperationException).
        { InnerException: { } inner } => Caused(inner, requestAborted),
        _ => false,
    };
}

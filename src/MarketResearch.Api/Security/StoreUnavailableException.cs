namespace MarketResearch.Api.Security;

/// <summary>
/// A shared store (Redis) failed to answer a call a request depends on. A dying connection surfaces as many exception
/// types (RedisException, RedisTimeoutException, TaskCanceledException, even InvalidOperationException); callers wrap
/// them in this one so the request answers 503 instead of a 500.
/// </summary>
internal sealed class StoreUnavailableException(string store, Exception innerException)
    : Exception($"{store} did not answer.", innerException);

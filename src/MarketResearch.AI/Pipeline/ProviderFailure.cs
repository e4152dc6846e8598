using System.ClientModel;
using System.Globalization;
using System.Net;
using Polly.CircuitBreaker;

namespace MarketResearch.AI.Pipeline;

/// <summary>Reads provider failures the same way for retrying, circuit breaking and metrics.</summary>
internal static class ProviderFailure
{
    private const int TooManyRequests = (int)HttpStatusCode.TooManyRequests;
    private const int RequestTimeout = (int)HttpStatusCode.RequestTimeout;
    private const int FirstServerError = 500;

    public static int? StatusOf(Exception? exception) => exception switch
    {
        ClientResultException { Status: > 0 } result => result.Status,
        HttpRequestException { StatusCode: { } status } => (int)status,
        _ => null,
    };

    /// <summary>Worth another attempt: throttling, timeouts, server errors and broken connections.</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null or OperationCanceledException or BrokenCircuitException => false,
        LlmTimeoutException => true,
        _ when StatusOf(exception) is { } status => status is TooManyRequests or RequestTimeout || status >= FirstServerError,
        _ => exception is ClientResultException or HttpRequestException or IOException,
    };

    /// <summary>How long the provider asked us to wait: "retry-after-ms" (OpenAI), then "Retry-After" (seconds or a date).</summary>
    public static TimeSpan? RetryAfterOf(Exception? exception, TimeProvider time)
    {
        if (exception is not ClientResultException result || result.GetRawResponse() is not { } response)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(Math.Max(ms, 0));
        }

        if (!response.Headers.TryGetValue("Retry-After", out var retryAfter) || string.IsNullOrWhiteSpace(retryAfter))
        {
            return null;
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(seconds, 0));
        }

        return DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? TimeSpan.FromTicks(Math.Max((when - time.GetUtcNow()).Ticks, 0))
            : null;
    }

    /// <summary>The "outcome" label of llm_requests_total.</summary>
    public static string OutcomeOf(Exception exception, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException when callerToken.IsCancellationRequested => "cancelled",
        LlmTimeoutException => "timeout",
        BrokenCircuitException => "circuit_open",
        _ when StatusOf(exception) is TooManyRequests => "rate_limited",
        _ when StatusOf(exception) is >= FirstServerError => "server_error",
        _ when StatusOf(exception) is >= 400 => "client_error",
        _ => "error",
    };
}

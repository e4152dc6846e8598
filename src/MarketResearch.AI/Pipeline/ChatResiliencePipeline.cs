using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace MarketResearch.AI.Pipeline;

/// <summary>
/// Retries transient provider failures (waiting as long as a 429's Retry-After asks, else exponential back-off
/// with jitter) inside a circuit breaker that fails fast while a provider keeps failing.
/// </summary>
internal static partial class ChatResiliencePipeline
{
    public static ResiliencePipeline Create(LlmOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.Retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.Retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Retry.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, options, time)),
                DelayGenerator = args => ValueTask.FromResult(ProviderFailure.RetryAfterOf(args.Outcome.Exception, time)),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreaker.FailureRatio,
                MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                SamplingDuration = options.CircuitBreaker.SamplingDuration,
                BreakDuration = options.CircuitBreaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(ProviderFailure.IsTransient(args.Outcome.Exception)),
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, args.BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>A provider that asks for a longer pause than we allow fails the call now rather than stalling a job.</summary>
    private static bool ShouldRetry(Exception? exception, LlmOptions options, TimeProvider time) =>
        ProviderFailure.IsTransient(exception)
        && !(ProviderFailure.RetryAfterOf(exception, time) > options.Retry.MaxRetryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM call failed; attempt {Attempt} in {DelaySeconds:0.###} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delaySeconds, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "LLM circuit opened for {BreakSeconds:0.###} s after repeated failures")]
    private static partial void LogCircuitOpened(ILogger logger, double breakSeconds);
}

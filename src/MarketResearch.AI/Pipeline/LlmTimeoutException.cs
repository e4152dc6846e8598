namespace MarketResearch.AI.Pipeline;

/// <summary>One attempt at a model call ran past <see cref="LlmOptions.Timeout"/>.</summary>
public sealed class LlmTimeoutException(TimeSpan timeout)
    : TimeoutException($"The language model did not answer within {timeout.TotalSeconds:0.###} s.")
{
    public TimeSpan Timeout { get; } = timeout;
}

using Microsoft.Extensions.Options;

namespace MarketResearch.AI;

/// <summary>Checks the ranges and required members declared on <see cref="LlmOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class LlmOptionsRangeValidator : IValidateOptions<LlmOptions>;

/// <summary>Rules that span several settings: a remote provider needs an endpoint and a model.</summary>
internal sealed class LlmProviderSettingsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var failures = new List<string>();
        var needsEndpoint = options.Provider == LlmProvider.OpenAICompatible
            || options.EmbeddingProvider == EmbeddingProvider.OpenAICompatible;

        if (needsEndpoint && options.Endpoint is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            failures.Add("Llm:Endpoint must be an absolute http(s) URI when an OpenAI-compatible provider is chosen.");
        }

        if (options.Provider == LlmProvider.OpenAICompatible && string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add("Llm:Model is required when Llm:Provider is OpenAICompatible.");
        }

        if (options.EmbeddingProvider == EmbeddingProvider.OpenAICompatible && string.IsNullOrWhiteSpace(options.EmbeddingModel))
        {
            failures.Add("Llm:EmbeddingModel is required when Llm:EmbeddingProvider is OpenAICompatible.");
        }

        failures.AddRange(options.Prices
            .Where(price => price.Value.InputPerMillionTokens < 0 || price.Value.OutputPerMillionTokens < 0)
            .Select(price => $"Llm:Prices:{price.Key} must not be negative."));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

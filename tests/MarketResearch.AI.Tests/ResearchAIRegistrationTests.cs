using MarketResearch.AI.Embeddings;
using MarketResearch.AI.Offline;
using MarketResearch.AI.Tests.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Tests;

public sealed class ResearchAIRegistrationTests
{
    [Fact]
    public async Task With_no_configuration_everything_runs_offline_with_MiniLM()
    {
        await using var host = await ResearchAIHost.StartAsync(new Dictionary<string, string?>());

        var response = await host.Chat.GetResponseAsync("What do you think of oat milk?", new ChatOptions().WithPersona(Support.Personas.Typical));
        var status = host.Services.GetRequiredService<AIProviderStatus>();
        var embeddings = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.Equal(OfflineChatClient.ModelId, response.ModelId);
        Assert.True(status.IsOffline);
        Assert.Equal(OfflineChatClient.ModelId, status.ChatModel);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, status.EmbeddingModel);
        Assert.Equal(MiniLmEmbeddingGenerator.ProviderName, embeddings.GetService<EmbeddingGeneratorMetadata>()?.ProviderName);
    }

    [Fact]
    public async Task The_api_key_from_the_AppHost_variable_reaches_the_options()
    {
        await using var host = await ResearchAIHost.StartAsync(new Dictionary<string, string?> { ["Llm:ApiKey"] = "from-apphost" });

        Assert.Equal("from-apphost", host.Services.GetRequiredService<IOptions<LlmOptions>>().Value.ApiKey);
    }

    [Theory]
    [InlineData("Llm:Provider", "OpenAICompatible", "Llm:Endpoint must be an absolute http(s) URI")]
    [InlineData("Llm:EmbeddingProvider", "OpenAICompatible", "Llm:EmbeddingModel is required")]
    [InlineData("Llm:MaxConcurrency:OpenAICompatible", "0", "OpenAICompatible")]
    [InlineData("Llm:Timeout", "00:00:00", "Timeout")]
    [InlineData("Llm:Retry:MaxRetries", "50", "MaxRetries")]
    [InlineData("Llm:CircuitBreaker:FailureRatio", "2", "FailureRatio")]
    [InlineData("Llm:StructuredOutput:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Llm:Prices:gpt-x:InputPerMillionTokens", "-1", "Llm:Prices:gpt-x must not be negative")]
    public async Task Invalid_settings_stop_the_service_at_start(string key, string value, string expected)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(
            () => ResearchAIHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(failure.Failures, message => message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_complete_OpenAI_compatible_configuration_starts_and_names_its_model()
    {
        await using var host = await ResearchAIHost.StartAsync(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "OpenAICompatible",
            ["Llm:Endpoint"] = "http://127.0.0.1:11434/v1",
            ["Llm:Model"] = "llama3.2",
        });

        var status = host.Services.GetRequiredService<AIProviderStatus>();
        Assert.False(status.IsOffline);
        Assert.Equal("llama3.2", host.Chat.GetService<ChatClientMetadata>()?.DefaultModelId);
    }
}

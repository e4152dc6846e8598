using MarketResearch.AI.Embeddings;
using MarketResearch.AI.Offline;
using MarketResearch.AI.OpenAI;
using MarketResearch.AI.Pipeline;
using MarketResearch.AI.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI;

/// <summary>Registers the AI layer: one <see cref="IChatClient"/> and one embedding generator, chosen by "Llm" configuration.</summary>
public static class ResearchAIRegistration
{
    public static IHostApplicationBuilder AddResearchAI(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LlmOptions>()
            .Bind(builder.Configuration.GetSection(LlmOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsRangeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmProviderSettingsValidator>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LlmMetrics>();
        services.TryAddSingleton<OpenAICompatibleEndpoint>();
        services.TryAddSingleton<OfflineChatClient>();
        services.TryAddSingleton<MiniLmEmbeddingGenerator>();
        services.TryAddSingleton<StructuredCompletion>();
        services.TryAddSingleton(services => AIProviderStatus.From(Llm(services)));

        services.AddChatClient(services => Llm(services).Provider switch
            {
                LlmProvider.OpenAICompatible => services.GetRequiredService<OpenAICompatibleEndpoint>().CreateChatClient(),
                _ => services.GetRequiredService<OfflineChatClient>(),
            })
            .UseResearchPipeline();

        services.AddEmbeddingGenerator(services => Llm(services).EmbeddingProvider switch
            {
                EmbeddingProvider.OpenAICompatible => services.GetRequiredService<OpenAICompatibleEndpoint>().CreateEmbeddingGenerator(),
                _ => services.GetRequiredService<MiniLmEmbeddingGenerator>(),
            })
            .UseOpenTelemetry(sourceName: ResearchChatPipeline.TelemetrySourceName);

        return builder;
    }

    private static LlmOptions Llm(IServiceProvider services) => services.GetRequiredService<IOptions<LlmOptions>>().Value;
}

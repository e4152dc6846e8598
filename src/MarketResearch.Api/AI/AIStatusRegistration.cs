using MarketResearch.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.AI;

internal static class AIStatusRegistration
{
    /// <summary>Only the provider settings: the API reports which models answer without loading them.</summary>
    public static WebApplicationBuilder AddAIProviderStatus(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>().Bind(builder.Configuration.GetSection(LlmOptions.Section));
        builder.Services.TryAddSingleton(services => AIProviderStatus.From(services.GetRequiredService<IOptions<LlmOptions>>().Value));
        return builder;
    }
}

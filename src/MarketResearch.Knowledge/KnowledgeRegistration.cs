using MarketResearch.Knowledge.Documents;
using MarketResearch.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MarketResearch.Knowledge;

public static class KnowledgeRegistration
{
    /// <summary>Options, upload inspection and hybrid search; the host registers persistence and the AI layer.</summary>
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KnowledgeOptions>()
            .Bind(builder.Configuration.GetSection(KnowledgeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<DocumentInspector>();
        builder.Services.TryAddSingleton<ProjectVectorCache>();
        builder.Services.TryAddSingleton<PgvectorAvailability>();
        builder.Services.TryAddSingleton<QueryEmbeddingCache>();
        builder.Services.TryAddScoped<KnowledgeSearchTimings>();
        builder.Services.TryAddScoped<KnowledgeSearch>();
        return builder;
    }
}

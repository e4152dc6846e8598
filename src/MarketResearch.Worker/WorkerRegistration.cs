using MarketResearch.AI;
using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Domain.Persistence;
using MarketResearch.Worker.DiscussionGraph;
using MarketResearch.Worker.Embeddings;
using MarketResearch.Worker.FocusGroups;
using MarketResearch.Worker.Heartbeat;
using MarketResearch.Knowledge;
using MarketResearch.Worker.Jobs;
using MarketResearch.Worker.Knowledge;
using MarketResearch.Worker.Llm;
using MarketResearch.Worker.Personas;
using MarketResearch.Worker.Surveys;

namespace MarketResearch.Worker;

internal static class WorkerRegistration
{
    public static WebApplicationBuilder AddWorkerServices(this WebApplicationBuilder builder)
    {
        builder.AddResearchPersistence();
        builder.AddRedisClient("redis");
        builder.AddWorkerHeartbeat();
        builder.AddJobRunner();
        builder.AddResearchAI();
        builder.AddKnowledge();
        builder.Services.AddHostedService<EmbeddingWarmUp>();
        builder.Services.AddHostedService<ModelConnectionWarmUp>();
        builder.Services.AddSingleton<PersonaGrounding>();
        builder.Services.AddOptions<PersonaGenerationOptions>().Bind(builder.Configuration.GetSection(PersonaGenerationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IJobHandler, PersonaGenerationHandler>();
        builder.Services.AddHostedService<PersonaGenerationWarmUp>();
        builder.Services.AddOptions<SurveyRunOptions>().Bind(builder.Configuration.GetSection(SurveyRunOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SurveyAnswering>();
        builder.Services.AddSingleton<IJobHandler, SurveyRunHandler>();
        builder.Services.AddSingleton<IJobHandler, DocumentIngestionHandler>();
        builder.AddDiscussionGraph();
        builder.Services.AddSingleton<ModelDiscussionExtractor>();
        // The model extracts concepts when a real one is configured; the lexical extractor otherwise.
        builder.Services.AddSingleton<IDiscussionExtractor>(services => services.GetRequiredService<AIProviderStatus>().IsOffline
            ? services.GetRequiredService<LexicalDiscussionExtractor>()
            : services.GetRequiredService<ModelDiscussionExtractor>());
        builder.Services.AddSingleton<IJobHandler, GraphRebuildHandler>();
        builder.Services.AddOptions<FocusGroupOptions>().Bind(builder.Configuration.GetSection(FocusGroupOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IJobHandler, FocusGroupRunHandler>();
        builder.Services.AddHostedService<FocusGroupRunWarmUp>();
        // Last: it waits for the rehearsals above.
        builder.Services.AddHostedService<StartUpGarbageCollection>();
        return builder;
    }
}

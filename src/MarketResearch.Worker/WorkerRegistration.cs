using MarketResearch.AI;
using MarketResearch.Domain.Persistence;
using MarketResearch.Worker.FocusGroups;
using MarketResearch.Worker.Heartbeat;
using MarketResearch.Worker.Jobs;
using MarketResearch.Worker.Personas;

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
        builder.Services.AddSingleton<IJobHandler, PersonaGenerationHandler>();
        builder.Services.AddOptions<FocusGroupOptions>().Bind(builder.Configuration.GetSection(FocusGroupOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IJobHandler, FocusGroupRunHandler>();
        return builder;
    }
}

using MarketResearch.Domain.Persistence;
using MarketResearch.Worker.Heartbeat;
using MarketResearch.Worker.Jobs;

namespace MarketResearch.Worker;

internal static class WorkerRegistration
{
    public static WebApplicationBuilder AddWorkerServices(this WebApplicationBuilder builder)
    {
        builder.AddResearchPersistence();
        builder.AddRedisClient("redis");
        builder.AddWorkerHeartbeat();
        builder.AddJobRunner();
        return builder;
    }
}

using MarketResearch.Domain.Persistence;
using MarketResearch.Worker.Heartbeat;

namespace MarketResearch.Worker;

internal static class WorkerRegistration
{
    public static WebApplicationBuilder AddWorkerServices(this WebApplicationBuilder builder)
    {
        builder.AddResearchPersistence();
        builder.AddRedisClient("redis");
        builder.AddWorkerHeartbeat();
        return builder;
    }
}

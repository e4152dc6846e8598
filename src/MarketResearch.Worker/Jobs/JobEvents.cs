using System.Text.Json;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using StackExchange.Redis;

namespace MarketResearch.Worker.Jobs;

/// <summary>
/// A job's event stream: each event is stored in Postgres (numbered, for replay after a reconnect) and then
/// published on Redis so that whichever API replica holds the browser's connection forwards it at once.
/// </summary>
public sealed class JobEvents(IServiceScopeFactory scopes, IConnectionMultiplexer redis, TimeProvider clock)
{
    public async Task PublishAsync(Guid jobId, string type, object data, CancellationToken cancellationToken)
    {
        var entry = new JobEvent { JobId = jobId, Type = type, Data = JsonSerializer.SerializeToDocument(data, JsonSerializerOptions.Web), CreatedAt = clock.GetUtcNow() };
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
            db.JobEvents.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }

        await BroadcastAsync(jobId, entry.Id, type, entry.Data.RootElement);
    }

    /// <summary>Sends an event already stored (e.g. by the statement that claimed or finished the job) to the live streams.</summary>
    public async Task BroadcastAsync(Guid jobId, long eventId, string type, object data) =>
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(JobChannels.Events(jobId)), Message(eventId, type, data));

    /// <summary>
    /// Like <see cref="BroadcastAsync"/> without waiting for Redis's answer: for the status events the queue statements
    /// store. A stream that misses one still reads it from Postgres on reconnect, and a Redis hiccup must not fail a run.
    /// </summary>
    public void Announce(Guid jobId, long eventId, string type, object data) =>
        redis.GetSubscriber().Publish(RedisChannel.Literal(JobChannels.Events(jobId)), Message(eventId, type, data), CommandFlags.FireAndForget);

    private static string Message(long eventId, string type, object data) =>
        JsonSerializer.Serialize(new { id = eventId, type, data }, JsonSerializerOptions.Web);
}

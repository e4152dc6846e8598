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
    public Task PublishAsync(Guid jobId, string type, object data, CancellationToken cancellationToken) =>
        PublishAsync(jobId, [new JobEventData(type, data)], cancellationToken);

    /// <summary>Several events in their order: one insert for all of them, then each to the live streams.</summary>
    public async Task PublishAsync(Guid jobId, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entries = events.Select(item => new JobEvent { JobId = jobId, Type = item.Type, Data = JsonSerializer.SerializeToDocument(item.Data, JsonSerializerOptions.Web), CreatedAt = now }).ToList();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
            db.JobEvents.AddRange(entries);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Sent together, so subscribers get them in order without a round trip each; entries are numbered as inserted.
        await Task.WhenAll(entries.Select(entry => BroadcastAsync(jobId, entry.Id, entry.Type, entry.Data.RootElement)));
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

/// <summary>An event to publish: its type (e.g. "turn", "progress") and its JSON payload.</summary>
public sealed record JobEventData(string Type, object Data);

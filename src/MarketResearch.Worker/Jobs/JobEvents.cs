using System.Text.Json;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
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
        var documents = events.Select(item => JsonSerializer.SerializeToDocument(item.Data, JsonSerializerOptions.Web)).ToList();
        long[] ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            ids = await InsertAsync(scope.ServiceProvider.GetRequiredService<ResearchDbContext>(), jobId, events, documents, cancellationToken);
        }

        // Stored first, then sent in order on one connection without waiting for Redis's answers (as Announce): the job
        // goes on at once, and a stream that misses one reads it from Postgres on reconnect.
        for (var index = 0; index < events.Count; index++)
        {
            Announce(jobId, ids[index], events[index].Type, documents[index].RootElement);
        }
    }

    /// <summary>
    /// Sends an event already stored (by <see cref="PublishAsync(Guid, IReadOnlyList{JobEventData}, CancellationToken)"/>, or
    /// by the statement that claimed or finished the job) to the live streams, without waiting for Redis's answer. A stream
    /// that misses one still reads it from Postgres on reconnect, and a Redis hiccup must not fail a run.
    /// </summary>
    public void Announce(Guid jobId, long eventId, string type, object data) =>
        redis.GetSubscriber().Publish(RedisChannel.Literal(JobChannels.Events(jobId)), Message(eventId, type, data), CommandFlags.FireAndForget);

    /// <summary>
    /// One statement for the whole batch whatever its size (EF's SaveChanges took another code path, compiled on first
    /// use, for each new batch size). Identities are drawn as the rows are inserted, in position order, so the ids
    /// sorted ascending number the events in the order given.
    /// </summary>
    private async Task<long[]> InsertAsync(
        ResearchDbContext db, Guid jobId, IReadOnlyList<JobEventData> events, IReadOnlyList<JsonDocument> documents, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO job_events (job_id, type, data, created_at)
            SELECT @job, i.type, i.data::jsonb, @created_at
            FROM unnest(@types, @data) WITH ORDINALITY AS i(type, data, position)
            ORDER BY i.position
            RETURNING id
            """;
        var createdAt = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            var ids = await db.QueryAsync(Sql, command =>
            {
                command.Parameters.AddWithValue("job", jobId);
                command.Parameters.AddWithValue("created_at", createdAt);
                command.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. events.Select(item => item.Type)]));
                command.Parameters.Add(new NpgsqlParameter<string[]>("data", [.. documents.Select(document => document.RootElement.GetRawText())]));
            }, reader => reader.GetInt64(0), token);
            return ids.Order().ToArray();
        }, cancellationToken);
    }

    private static string Message(long eventId, string type, object data) =>
        JsonSerializer.Serialize(new { id = eventId, type, data }, JsonSerializerOptions.Web);
}

/// <summary>An event to publish: its type (e.g. "turn", "progress") and its JSON payload.</summary>
public sealed record JobEventData(string Type, object Data);

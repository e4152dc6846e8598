using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace MarketResearch.Api.Jobs;

/// <summary>
/// A job's events as Server-Sent Events: stored events after Last-Event-ID first, then live ones from Redis
/// pub/sub (subscribed before the replay, so nothing falls between the two), until the job finishes.
/// </summary>
internal sealed class JobEventStream(ResearchDbContext db, IConnectionMultiplexer redis)
{
    public async IAsyncEnumerable<SseItem<JsonElement>> ReadAsync(Guid jobId, long afterEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var live = Channel.CreateUnbounded<string>();
        var channel = RedisChannel.Literal(JobChannels.Events(jobId));
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(channel, (_, message) => live.Writer.TryWrite(message.ToString()));
        try
        {
            // A snapshot first: the client learns the current state at once, and the response starts streaming.
            var snapshot = await db.Jobs.AsNoTracking().Where(job => job.Id == jobId)
                .Select(job => new { status = job.Status.ToString(), progress = job.Progress, message = job.ProgressMessage })
                .FirstAsync(cancellationToken);
            yield return new SseItem<JsonElement>(JsonSerializer.SerializeToElement(snapshot, JsonSerializerOptions.Web), "snapshot");

            // Ids, not a high-water mark: concurrent publishers' events can arrive out of id order, and none may be dropped.
            var delivered = new HashSet<long>();
            var stored = await db.JobEvents.AsNoTracking()
                .Where(entry => entry.JobId == jobId && entry.Id > afterEventId)
                .OrderBy(entry => entry.Id)
                .ToListAsync(cancellationToken);
            foreach (var entry in stored)
            {
                delivered.Add(entry.Id);
                yield return Item(entry.Id, entry.Type, entry.Data.RootElement.Clone());
                if (IsFinalStatus(entry.Type, entry.Data.RootElement))
                {
                    yield break;
                }
            }

            if (await IsFinishedAsync(jobId, cancellationToken))
            {
                yield break;
            }

            await foreach (var message in live.Reader.ReadAllAsync(cancellationToken))
            {
                using var document = JsonDocument.Parse(message);
                var root = document.RootElement;
                var id = root.GetProperty("id").GetInt64();
                if (id <= afterEventId || !delivered.Add(id))
                {
                    continue;
                }

                var type = root.GetProperty("type").GetString()!;
                var data = root.GetProperty("data").Clone();
                yield return Item(id, type, data);
                if (IsFinalStatus(type, data))
                {
                    yield break;
                }
            }
        }
        finally
        {
            await subscriber.UnsubscribeAsync(channel);
        }
    }

    private async Task<bool> IsFinishedAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var status = await db.Jobs.AsNoTracking().Where(job => job.Id == jobId).Select(job => job.Status).FirstAsync(cancellationToken);
        return status.IsFinished();
    }

    private static SseItem<JsonElement> Item(long id, string type, JsonElement data) =>
        new(data, type) { EventId = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static bool IsFinalStatus(string type, JsonElement data) =>
        type == "status"
        && data.TryGetProperty("status", out var status)
        && Enum.TryParse<JobStatus>(status.GetString(), out var parsed)
        && parsed.IsFinished();
}

using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace MarketResearch.AI.Pipeline;

/// <summary>
/// Keeps a remote model's answers in the distributed cache, keyed by the whole request (persona, seed, prompt,
/// schema), so a retried or re-run job neither pays twice nor gets a different answer. Entries expire.
/// </summary>
internal sealed class ResponseCacheChatClient : DistributedCachingChatClient
{
    private readonly IDistributedCache storage;
    private readonly DistributedCacheEntryOptions entry;

    public ResponseCacheChatClient(IChatClient inner, IDistributedCache storage, TimeSpan lifetime)
        : base(inner, storage)
    {
        this.storage = storage;
        entry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime };
    }

    protected override Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken) =>
        storage.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.GetTypeInfo(typeof(ChatResponse))), entry, cancellationToken);

    protected override Task WriteCacheStreamingAsync(string key, IReadOnlyList<ChatResponseUpdate> value, CancellationToken cancellationToken) =>
        storage.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.GetTypeInfo(typeof(IReadOnlyList<ChatResponseUpdate>))), entry, cancellationToken);
}

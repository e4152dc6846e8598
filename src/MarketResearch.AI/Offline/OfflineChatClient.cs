using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Offline;

/// <summary>
/// The offline provider: a deterministic, persona-conditioned simulator that needs no network. The same seed,
/// persona and prompt always give the same answer; JSON requests with a schema get JSON valid for it.
/// Its replies say what they are: model "offline-simulator", AdditionalProperties["provider"] = "offline".
/// </summary>
public sealed class OfflineChatClient(IOptions<LlmOptions> options) : IChatClient
{
    public const string ModelId = "offline-simulator";
    public const string ProviderName = "offline";
    public const string ProviderKey = "provider";

    private const int WordsPerStreamedUpdate = 4;

    // Real models write UTF-8 as is ("Gdańsk", "don't"); escaping it would make stored answers unreadable.
    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly ChatClientMetadata Metadata = new(ProviderName, providerUri: null, ModelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var conversation = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var text = Compose(conversation, chatOptions);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            CreatedAt = DateTimeOffset.UtcNow,
            Usage = TokenEstimate.For(conversation, chatOptions, text),
            AdditionalProperties = new() { [ProviderKey] = ProviderName },
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? chatOptions = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        var responseId = Guid.NewGuid().ToString("N");
        var words = response.Text.Split(' ');
        for (var start = 0; start < words.Length; start += WordsPerStreamedUpdate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = string.Join(' ', words.Skip(start).Take(WordsPerStreamedUpdate));
            yield return new ChatResponseUpdate(ChatRole.Assistant, start == 0 ? chunk : " " + chunk)
            {
                ModelId = ModelId,
                ResponseId = responseId,
                AdditionalProperties = new() { [ProviderKey] = ProviderName },
            };
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(response.Usage!)])
        {
            ModelId = ModelId,
            ResponseId = responseId,
            FinishReason = ChatFinishReason.Stop,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // Holds nothing that needs releasing.
    }

    private string Compose(IReadOnlyList<ChatMessage> conversation, ChatOptions? chatOptions)
    {
        var scene = OfflineScene.For(conversation, chatOptions, options.Value.Offline.DefaultSeed);
        return chatOptions?.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } => new SchemaAnswerWriter(scene).Write(schema)?.ToJsonString(Compact) ?? "null",
            ChatResponseFormatJson => JsonSerializer.Serialize(new { answer = scene.TextAnswer(), sentiment = Math.Round(scene.Disposition.Sentiment, 3) }, Compact),
            _ => scene.TextAnswer(),
        };
    }
}

using MarketResearch.AI.Embeddings;
using MarketResearch.AI.Offline;

namespace MarketResearch.AI;

/// <summary>Which models are answering, so the API and UI can say plainly when the offline simulator is in use.</summary>
public sealed record AIProviderStatus(
    LlmProvider ChatProvider,
    string ChatModel,
    EmbeddingProvider EmbeddingProvider,
    string EmbeddingModel)
{
    public bool IsOffline => ChatProvider == LlmProvider.Offline;

    public static AIProviderStatus From(LlmOptions options) => new(
        options.Provider,
        options.Provider == LlmProvider.Offline ? OfflineChatClient.ModelId : options.Model ?? string.Empty,
        options.EmbeddingProvider,
        options.EmbeddingProvider == EmbeddingProvider.MiniLM ? MiniLmEmbeddingGenerator.ModelId : options.EmbeddingModel ?? string.Empty);
}

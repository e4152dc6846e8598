using MarketResearch.AI.Embeddings;
using Microsoft.Extensions.AI;

namespace MarketResearch.Worker.Embeddings;

/// <summary>
/// Loads the local MiniLM model when the worker starts rather than inside the first job that embeds: loading takes
/// about a second of CPU, which otherwise lands on the critical path of the first focus group (its question
/// vectors come before its first round).
/// </summary>
internal sealed partial class EmbeddingWarmUp(IEmbeddingGenerator<string, Embedding<float>> embeddings, ILogger<EmbeddingWarmUp> logger) : BackgroundService, IStartUpRehearsal
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A remote embedding provider has nothing to load.
        if (embeddings.GetService(typeof(MiniLmEmbeddingGenerator)) is null)
        {
            return;
        }

        try
        {
            await embeddings.GenerateAsync(["warm-up"], cancellationToken: stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The first job loads it instead (and reports whatever is wrong with it).
            LogWarmUpFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the embedding model at start failed")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}

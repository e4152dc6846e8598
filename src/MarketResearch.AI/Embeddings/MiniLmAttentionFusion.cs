using System.Runtime.InteropServices;
using Onnx;

namespace MarketResearch.AI.Embeddings;

/// <summary>
/// Replaces each layer's exported attention (reshape and transpose Q, K and V to heads, scores = QKᵀ / √d, softmax,
/// × V, transpose and reshape back) by ONNX Runtime's MultiHeadAttention kernel, which scales inside the GEMM and
/// writes the heads straight into the output layout. Only for graphs without an attention mask (one text per run).
/// </summary>
internal static class MiniLmAttentionFusion
{
    private const string ContribDomain = "com.microsoft";

    public static List<NodeProto> Fuse(List<NodeProto> nodes, ModelProto model, int heads)
    {
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }
        }

        var consumers = nodes.SelectMany(node => node.Input.Select(input => (input, node))).ToLookup(pair => pair.input, pair => pair.node, StringComparer.Ordinal);
        var replaced = new Dictionary<NodeProto, NodeProto>();
        foreach (var softmax in nodes.Where(node => node.OpType == "Softmax"))
        {
            if (Match(softmax, producers, consumers) is not { } attention)
            {
                continue;
            }

            var fused = new NodeProto { OpType = "MultiHeadAttention", Domain = ContribDomain, Name = $"{attention.Output}.MultiHeadAttention" };
            fused.Input.AddRange([attention.Query, attention.Key, attention.Value]);
            fused.Output.Add(attention.Output);
            fused.Attribute.Add(new AttributeProto { Name = "num_heads", Type = AttributeProto.Types.AttributeType.Int, I = heads });
            fused.Attribute.Add(new AttributeProto { Name = "scale", Type = AttributeProto.Types.AttributeType.Float, F = attention.Scale });
            replaced[attention.LastNode] = fused;
        }

        if (replaced.Count > 0 && !model.OpsetImport.Any(opset => opset.Domain == ContribDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = ContribDomain, Version = 1 });
        }

        // The fused node takes the place of the layer's last attention node; the others are left without readers.
        return [.. nodes.Select(node => replaced.GetValueOrDefault(node, node))];
    }

    private sealed record Attention(string Query, string Key, string Value, string Output, float Scale, NodeProto LastNode);

    private static Attention? Match(NodeProto softmax, Dictionary<string, NodeProto> producers, ILookup<string, NodeProto> consumers)
    {
        if (!producers.TryGetValue(softmax.Input[0], out var divide) || divide.OpType != "Div"
            || !producers.TryGetValue(divide.Input[0], out var scores) || scores.OpType != "MatMul"
            || Constant(divide.Input[1], producers) is not { } divisor
            || Heads(scores.Input[0], producers, [0, 2, 1, 3]) is not { } query
            || Heads(scores.Input[1], producers, [0, 2, 3, 1]) is not { } key
            || consumers[softmax.Output[0]].SingleOrDefault() is not { OpType: "MatMul" } weighted || weighted.Input[0] != softmax.Output[0]
            || Heads(weighted.Input[1], producers, [0, 2, 1, 3]) is not { } value
            || consumers[weighted.Output[0]].SingleOrDefault() is not { OpType: "Transpose" } back || !Permutation(back, [0, 2, 1, 3])
            // Shape nodes also read it, only to compute the Reshape's target.
            || consumers[back.Output[0]].SingleOrDefault(node => node.OpType != "Shape") is not { OpType: "Reshape" } merge)
        {
            return null;
        }

        return new Attention(query, key, value, merge.Output[0], 1 / divisor, merge);
    }

    // The 3-D tensor a Reshape → Transpose(permutation) split into heads.
    private static string? Heads(string tensor, Dictionary<string, NodeProto> producers, long[] permutation) =>
        producers.TryGetValue(tensor, out var transpose) && transpose.OpType == "Transpose" && Permutation(transpose, permutation)
        && producers.TryGetValue(transpose.Input[0], out var reshape) && reshape.OpType == "Reshape"
            ? reshape.Input[0]
            : null;

    private static bool Permutation(NodeProto transpose, long[] expected) =>
        transpose.Attribute.FirstOrDefault(attribute => attribute.Name == "perm")?.Ints.SequenceEqual(expected) == true;

    private static float? Constant(string tensor, Dictionary<string, NodeProto> producers)
    {
        if (!producers.TryGetValue(tensor, out var constant) || constant.OpType != "Constant"
            || constant.Attribute.FirstOrDefault(attribute => attribute.Name == "value")?.T is not { DataType: (int)TensorProto.Types.DataType.Float } value)
        {
            return null;
        }

        return value.FloatData.Count == 1 ? value.FloatData[0]
            : value.RawData.Length == sizeof(float) ? MemoryMarshal.Read<float>(value.RawData.Span)
            : null;
    }
}

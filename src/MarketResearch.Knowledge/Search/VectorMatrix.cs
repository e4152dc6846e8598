using System.Numerics;
using System.Runtime.InteropServices;

namespace MarketResearch.Knowledge.Search;

/// <summary>
/// A project's embeddings as one contiguous, row-normalised float matrix: exact cosine top-k is a SIMD dot product per
/// row and a k-sized heap, about 19 M multiply-adds for 50,000 × 384.
/// </summary>
public sealed class VectorMatrix
{
    private readonly float[] _values;

    public VectorMatrix(IReadOnlyList<Guid> ids, IReadOnlyList<float[]> vectors)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(vectors.Count, ids.Count);
        Ids = ids.ToArray();
        Dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        _values = new float[ids.Count * Dimensions];
        for (var row = 0; row < vectors.Count; row++)
        {
            if (vectors[row].Length != Dimensions)
            {
                throw new ArgumentException($"Row {row} has {vectors[row].Length} dimensions, not {Dimensions}.", nameof(vectors));
            }

            var target = _values.AsSpan(row * Dimensions, Dimensions);
            vectors[row].CopyTo(target);
            Normalize(target);
        }
    }

    public IReadOnlyList<Guid> Ids { get; }
    public int Dimensions { get; }
    public int Count => Ids.Count;

    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/> by cosine, best first.</summary>
    public IReadOnlyList<(Guid Id, float Similarity)> TopK(ReadOnlySpan<float> query, int k)
    {
        if (Count == 0 || k <= 0)
        {
            return [];
        }

        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; the index has {Dimensions}.", nameof(query));
        }

        var normalized = query.ToArray();
        Normalize(normalized);
        var heap = new PriorityQueue<int, float>(k + 1);
        for (var row = 0; row < Count; row++)
        {
            var similarity = Dot(_values.AsSpan(row * Dimensions, Dimensions), normalized);
            if (heap.Count < k)
            {
                heap.Enqueue(row, similarity);
            }
            else if (heap.TryPeek(out _, out var worst) && similarity > worst)
            {
                heap.DequeueEnqueue(row, similarity);
            }
        }

        var best = new List<(Guid, float)>(heap.Count);
        while (heap.TryDequeue(out var row, out var similarity))
        {
            best.Add((Ids[row], similarity));
        }

        best.Reverse();
        return best;
    }

    public static float Dot(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        var sum = Vector<float>.Zero;
        var width = Vector<float>.Count;
        var leftVectors = MemoryMarshal.Cast<float, Vector<float>>(left);
        var rightVectors = MemoryMarshal.Cast<float, Vector<float>>(right);
        for (var index = 0; index < leftVectors.Length; index++)
        {
            sum += leftVectors[index] * rightVectors[index];
        }

        var total = Vector.Sum(sum);
        for (var index = leftVectors.Length * width; index < left.Length; index++)
        {
            total += left[index] * right[index];
        }

        return total;
    }

    public static void Normalize(Span<float> vector)
    {
        var norm = MathF.Sqrt(Dot(vector, vector));
        if (norm > 0)
        {
            for (var index = 0; index < vector.Length; index++)
            {
                vector[index] /= norm;
            }
        }
    }
}

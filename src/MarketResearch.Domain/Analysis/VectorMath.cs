namespace MarketResearch.Domain.Analysis;

/// <summary>Cosine similarity and distance of dense vectors (embeddings).</summary>
public static class VectorMath
{
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Vectors of different lengths cannot be compared.", nameof(b));
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }

    /// <summary>1 − cosine similarity: 0 for the same direction, up to 2 for opposite ones.</summary>
    public static double CosineDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => 1 - Cosine(a, b);
}

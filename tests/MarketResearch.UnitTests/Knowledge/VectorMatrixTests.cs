using MarketResearch.Knowledge.Search;

namespace MarketResearch.UnitTests.Knowledge;

public sealed class VectorMatrixTests
{
    private const int Dimensions = 384;

    [Fact]
    public void Top_k_equals_brute_force_cosine_for_random_vectors()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 3000).Select(_ => Guid.NewGuid()).ToList();
        var vectors = ids.Select(_ => RandomVector(random, scale: 1 + (random.NextDouble() * 5))).ToList();
        var matrix = new VectorMatrix(ids, vectors);

        for (var query = 0; query < 50; query++)
        {
            var q = RandomVector(random, scale: 3);
            var expected = ids.Select((id, row) => (id, cosine: Cosine(vectors[row], q)))
                .OrderByDescending(pair => pair.cosine).Take(10).ToList();

            var actual = matrix.TopK(q, 10);

            Assert.Equal(expected.Select(pair => pair.id), actual.Select(hit => hit.Id));
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.cosine, pair.Second.Similarity, 4));
        }
    }

    [Fact]
    public void Fewer_rows_than_k_return_them_all_and_an_empty_matrix_returns_nothing()
    {
        var matrix = new VectorMatrix([Guid.NewGuid(), Guid.NewGuid()], [[1f, 0f], [0f, 1f]]);

        Assert.Equal(2, matrix.TopK([1f, 0.1f], 10).Count);
        Assert.Empty(new VectorMatrix([], []).TopK([1f], 10));
        Assert.Throws<ArgumentException>(() => matrix.TopK([1f, 0f, 0f], 1));
    }

    private static float[] RandomVector(Random random, double scale) =>
        Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() - 0.5) * scale)).ToArray();

    private static double Cosine(float[] left, float[] right)
    {
        double dot = 0, a = 0, b = 0;
        for (var index = 0; index < left.Length; index++)
        {
            dot += left[index] * (double)right[index];
            a += left[index] * (double)left[index];
            b += right[index] * (double)right[index];
        }

        return dot / Math.Sqrt(a * b);
    }
}

namespace MarketResearch.Domain.Analysis;

/// <summary>A clustering: which cluster each point is in, and the clusters' centroids.</summary>
public sealed record Clustering(int K, IReadOnlyList<int> Assignments, IReadOnlyList<float[]> Centroids)
{
    public int SizeOf(int cluster) => Assignments.Count(assigned => assigned == cluster);
}

/// <summary>
/// k-means on cosine distance (points are compared by direction, as sentence embeddings are), seeded with
/// k-means++ from a fixed seed so the same answers always give the same clusters.
/// </summary>
public static class KMeans
{
    public const int MaxIterations = 50;

    public static Clustering Cluster(IReadOnlyList<float[]> points, int k, int seed)
    {
        if (k < 1 || k > points.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and the number of points ({points.Count}).");
        }

        var random = new Random(seed);
        var centroids = SeedCentroids(points, k, random);
        var assignments = new int[points.Count];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = Assign(points, centroids, assignments);
            centroids = Recenter(points, assignments, centroids);
            if (!changed && iteration > 0)
            {
                break;
            }
        }

        return new Clustering(k, assignments, centroids);
    }

    private static List<float[]> SeedCentroids(IReadOnlyList<float[]> points, int k, Random random)
    {
        var centroids = new List<float[]> { (float[])points[random.Next(points.Count)].Clone() };
        while (centroids.Count < k)
        {
            // k-means++: the next seed is drawn with probability proportional to the squared distance to the nearest one.
            var weights = points.Select(point => Math.Pow(centroids.Min(c => VectorMath.CosineDistance(point, c)), 2)).ToArray();
            var total = weights.Sum();
            var chosen = Array.FindIndex(weights, w => w > 0);
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                for (var i = 0; i < weights.Length; i++)
                {
                    target -= weights[i];
                    if (target <= 0 && weights[i] > 0)
                    {
                        chosen = i;
                        break;
                    }
                }
            }

            centroids.Add((float[])points[chosen < 0 ? random.Next(points.Count) : chosen].Clone());
        }

        return centroids;
    }

    private static bool Assign(IReadOnlyList<float[]> points, List<float[]> centroids, int[] assignments)
    {
        var changed = false;
        for (var i = 0; i < points.Count; i++)
        {
            var best = 0;
            var bestDistance = double.MaxValue;
            for (var c = 0; c < centroids.Count; c++)
            {
                var distance = VectorMath.CosineDistance(points[i], centroids[c]);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }

            changed |= assignments[i] != best;
            assignments[i] = best;
        }

        return changed;
    }

    private static List<float[]> Recenter(IReadOnlyList<float[]> points, int[] assignments, List<float[]> previous)
    {
        var dimensions = points[0].Length;
        var centroids = new List<float[]>(previous.Count);
        for (var c = 0; c < previous.Count; c++)
        {
            var sum = new float[dimensions];
            var members = 0;
            for (var i = 0; i < points.Count; i++)
            {
                if (assignments[i] != c)
                {
                    continue;
                }

                members++;
                for (var d = 0; d < dimensions; d++)
                {
                    sum[d] += points[i][d];
                }
            }

            // An emptied cluster keeps its old centre rather than collapsing to the origin.
            centroids.Add(members == 0 ? previous[c] : sum.Select(value => value / members).ToArray());
        }

        return centroids;
    }
}

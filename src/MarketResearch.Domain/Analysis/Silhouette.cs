namespace MarketResearch.Domain.Analysis;

/// <summary>
/// The mean silhouette of a clustering on cosine distance: near 1 when points sit well inside distinct clusters,
/// near 0 when clusters overlap. A point alone in its cluster scores 0 (Rousseeuw's convention); k = 1 scores 0.
/// </summary>
public static class Silhouette
{
    public static double Mean(IReadOnlyList<float[]> points, Clustering clustering)
    {
        if (clustering.K < 2 || points.Count < 2)
        {
            return 0;
        }

        var total = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var sums = new double[clustering.K];
            var counts = new int[clustering.K];
            for (var j = 0; j < points.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                sums[clustering.Assignments[j]] += VectorMath.CosineDistance(points[i], points[j]);
                counts[clustering.Assignments[j]]++;
            }

            var own = clustering.Assignments[i];
            if (counts[own] == 0)
            {
                continue;
            }

            var a = sums[own] / counts[own];
            var b = Enumerable.Range(0, clustering.K).Where(c => c != own && counts[c] > 0).Select(c => sums[c] / counts[c]).DefaultIfEmpty(a).Min();
            var largest = Math.Max(a, b);
            total += largest == 0 ? 0 : (b - a) / largest;
        }

        return total / points.Count;
    }
}

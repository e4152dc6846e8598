namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>Weighted PageRank by power iteration; dangling nodes spread their rank evenly. Scores sum to 1.</summary>
public static class PageRank
{
    public const double Damping = 0.85;
    public const double Tolerance = 1e-9;
    public const int MaxIterations = 200;

    public static double[] Compute(int nodeCount, IReadOnlyList<(int From, int To, double Weight)> edges)
    {
        if (nodeCount == 0)
        {
            return [];
        }

        var outWeight = new double[nodeCount];
        foreach (var (from, _, weight) in edges)
        {
            outWeight[from] += weight;
        }

        var rank = Enumerable.Repeat(1.0 / nodeCount, nodeCount).ToArray();
        var next = new double[nodeCount];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var dangling = 0.0;
            for (var node = 0; node < nodeCount; node++)
            {
                if (outWeight[node] == 0)
                {
                    dangling += rank[node];
                }
            }

            Array.Fill(next, ((1 - Damping) / nodeCount) + (Damping * dangling / nodeCount));
            foreach (var (from, to, weight) in edges)
            {
                next[to] += Damping * rank[from] * weight / outWeight[from];
            }

            var change = 0.0;
            for (var node = 0; node < nodeCount; node++)
            {
                change += Math.Abs(next[node] - rank[node]);
            }

            (rank, next) = (next, rank);
            if (change < Tolerance)
            {
                break;
            }
        }

        return rank;
    }
}

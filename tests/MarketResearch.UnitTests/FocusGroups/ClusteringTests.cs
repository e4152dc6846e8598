using MarketResearch.Domain.Analysis;

namespace MarketResearch.UnitTests.FocusGroups;

public sealed class ClusteringTests
{
    private static readonly ClusteringSettings Settings = new(MaxClusters: 3, MinSilhouette: 0.25, Seed: 1);

    /// <summary>Points scattered a little around a direction, deterministically.</summary>
    private static List<float[]> Around(float[] direction, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => direction.Select(value => value + (float)((random.NextDouble() - 0.5) * 0.1)).ToArray()).ToList();
    }

    [Fact]
    public void Two_separate_groups_are_found_with_a_high_silhouette()
    {
        var points = Around([1, 0, 0], 10, 1).Concat(Around([0, 1, 0], 6, 2)).ToList();

        var clustering = KMeans.Cluster(points, 2, seed: 3);

        Assert.Single(clustering.Assignments.Take(10).Distinct());
        Assert.Single(clustering.Assignments.Skip(10).Distinct());
        Assert.NotEqual(clustering.Assignments[0], clustering.Assignments[10]);
        Assert.True(Silhouette.Mean(points, clustering) > 0.8);
    }

    [Fact]
    public void Overlapping_points_have_a_low_silhouette_and_one_cluster_scores_zero()
    {
        var points = Around([1, 1, 1], 12, 4);

        Assert.True(Silhouette.Mean(points, KMeans.Cluster(points, 2, seed: 1)) < 0.5);
        Assert.Equal(0, Silhouette.Mean(points, KMeans.Cluster(points, 1, seed: 1)));
    }

    [Fact]
    public void Two_equal_camps_of_opposite_mood_are_fully_polarized()
    {
        var answers = Around([1, 0, 0], 5, 1).Select((vector, i) => new ScoredAnswer(Guid.NewGuid(), $"yes {i}", 1, vector))
            .Concat(Around([0, 0, 1], 5, 2).Select((vector, i) => new ScoredAnswer(Guid.NewGuid(), $"no {i}", -1, vector)))
            .ToList();

        var result = PolarizationAnalysis.Analyse(0, answers, Settings);

        Assert.Equal(2, result.K);
        Assert.Equal(1, result.Index, 3);
        Assert.Equal(0, result.Consensus, 3);
        Assert.All(result.Clusters, cluster => Assert.Equal(5, cluster.Size));
        Assert.Contains(result.Clusters, cluster => cluster.RepresentativeAnswer.StartsWith("yes", StringComparison.Ordinal) && cluster.MeanSentiment == 1);
    }

    /// <summary>An isotropic Gaussian blob in many dimensions, as answers that say the same thing in different words are.</summary>
    private static List<float[]> Blob(int dimensions, int count, int seed)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dimensions).Select(d => (float)((d == 0 ? 3 : 0) + Gaussian() * 0.3)).ToArray()).ToList();
    }

    [Fact]
    public void Agreement_in_one_cluster_is_consensus()
    {
        var answers = Blob(50, 30, 5).Select((vector, i) => new ScoredAnswer(Guid.NewGuid(), $"fine {i}", 0.4, vector)).ToList();

        var result = PolarizationAnalysis.Analyse(2, answers, Settings);

        Assert.Equal(1, result.K);
        Assert.Equal(0, result.Index);
        Assert.Equal(1, result.Consensus);
        Assert.Equal(30, result.Clusters.Single().Size);
        Assert.Equal(2, result.QuestionIndex);
    }

    [Fact]
    public void Polarization_weighs_camp_sizes_and_the_gap_between_their_moods()
    {
        AnswerCluster Camp(double share, double mood) => new(0, share, mood, Guid.Empty, string.Empty);

        Assert.Equal(2 * 0.5 * 0.5 * 1.0, PolarizationAnalysis.Index([Camp(0.5, 0.5), Camp(0.5, -0.5)]), 6);
        Assert.Equal(2 * 0.9 * 0.1 * 2.0, PolarizationAnalysis.Index([Camp(0.9, 1), Camp(0.1, -1)]), 6);
        Assert.Equal(0, PolarizationAnalysis.Index([Camp(0.5, 0.2), Camp(0.5, 0.2)]));
    }

    [Fact]
    public void The_same_answers_always_cluster_the_same_way()
    {
        var points = Around([1, 0, 0], 7, 1).Concat(Around([0, 1, 0], 7, 2)).Concat(Around([0, 0, 1], 7, 3)).ToList();

        Assert.Equal(KMeans.Cluster(points, 3, seed: 9).Assignments, KMeans.Cluster(points, 3, seed: 9).Assignments);
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Cluster(points, 0, seed: 1));
    }
}

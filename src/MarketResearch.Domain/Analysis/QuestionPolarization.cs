namespace MarketResearch.Domain.Analysis;

/// <summary>One answer to a question as the analysis sees it.</summary>
public sealed record ScoredAnswer(Guid SpeakerId, string Text, double Sentiment, float[] Embedding);

/// <summary>A group of answers that say much the same thing.</summary>
public sealed record AnswerCluster(int Size, double Share, double MeanSentiment, Guid RepresentativeSpeakerId, string RepresentativeAnswer);

/// <summary>
/// How divided the group was on one question. <see cref="Index"/> is Esteban–Ray polarization (α = 0) of the
/// answer clusters over their mean sentiments: Σ over ordered pairs of clusters i ≠ j of share_i · share_j ·
/// |sentiment_i − sentiment_j|, which is 0 for one cluster or equal moods and 1 for two equal camps at −1 and +1.
/// <see cref="Consensus"/> is 1 − Index.
/// </summary>
public sealed record QuestionPolarization(int QuestionIndex, int Answers, int K, double Silhouette, double Index, double Consensus, double MeanSentiment, IReadOnlyList<AnswerCluster> Clusters);

/// <summary>Clustering settings: try k = 1..MaxClusters, keep k ≥ 2 only when its silhouette reaches MinSilhouette.</summary>
public sealed record ClusteringSettings(int MaxClusters, double MinSilhouette, int Seed);

public static class PolarizationAnalysis
{
    public static QuestionPolarization Analyse(int questionIndex, IReadOnlyList<ScoredAnswer> answers, ClusteringSettings settings)
    {
        if (answers.Count == 0)
        {
            return new QuestionPolarization(questionIndex, 0, 0, 0, 0, 1, 0, []);
        }

        var points = answers.Select(answer => answer.Embedding).ToList();
        var best = KMeans.Cluster(points, 1, settings.Seed);
        var bestSilhouette = 0.0;
        for (var k = 2; k <= Math.Min(settings.MaxClusters, answers.Count - 1); k++)
        {
            var candidate = KMeans.Cluster(points, k, settings.Seed);
            var silhouette = Silhouette.Mean(points, candidate);
            if (silhouette >= settings.MinSilhouette && silhouette > bestSilhouette)
            {
                best = candidate;
                bestSilhouette = silhouette;
            }
        }

        var clusters = Enumerable.Range(0, best.K)
            .Select(cluster => Describe(answers, best, cluster))
            .Where(cluster => cluster is not null)
            .Select(cluster => cluster!)
            .OrderByDescending(cluster => cluster.Size)
            .ToList();
        var index = Index(clusters);
        return new QuestionPolarization(questionIndex, answers.Count, clusters.Count, Math.Round(bestSilhouette, 4), Math.Round(index, 4),
            Math.Round(1 - index, 4), Math.Round(answers.Average(answer => answer.Sentiment), 4), clusters);
    }

    /// <summary>Esteban–Ray (α = 0) over cluster shares and mean sentiments in [−1, 1], bounded to [0, 1].</summary>
    public static double Index(IReadOnlyList<AnswerCluster> clusters)
    {
        var index = 0.0;
        foreach (var i in clusters)
        {
            foreach (var j in clusters)
            {
                if (!ReferenceEquals(i, j))
                {
                    index += i.Share * j.Share * Math.Abs(i.MeanSentiment - j.MeanSentiment);
                }
            }
        }

        return Math.Clamp(index, 0, 1);
    }

    private static AnswerCluster? Describe(IReadOnlyList<ScoredAnswer> answers, Clustering clustering, int cluster)
    {
        var members = Enumerable.Range(0, answers.Count).Where(i => clustering.Assignments[i] == cluster).ToList();
        if (members.Count == 0)
        {
            return null;
        }

        // The representative is the answer closest to the cluster's centre.
        var representative = members.MinBy(i => VectorMath.CosineDistance(answers[i].Embedding, clustering.Centroids[cluster]));
        return new AnswerCluster(members.Count, Math.Round((double)members.Count / answers.Count, 4),
            Math.Round(members.Average(i => answers[i].Sentiment), 4), answers[representative].SpeakerId, answers[representative].Text);
    }
}

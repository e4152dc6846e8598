namespace MarketResearch.Domain.Analysis;

/// <summary>A participant's answers' sentiment with the demographics it belongs to.</summary>
public sealed record SegmentedScore(IReadOnlyDictionary<string, string> Demographics, double Sentiment);

/// <summary>The mood of one segment (a value of a demographic category).</summary>
public sealed record SegmentMood(string Category, string Value, int Answers, double MeanSentiment, double StandardDeviation);

/// <summary>Mean sentiment for every value of every demographic category present in the answers.</summary>
public static class SegmentSentiment
{
    public static IReadOnlyList<SegmentMood> ByCategory(IEnumerable<SegmentedScore> scores) =>
        scores
            .SelectMany(score => score.Demographics.Select(pair => (Category: pair.Key, pair.Value, score.Sentiment)))
            .GroupBy(entry => (entry.Category, entry.Value))
            .Select(group =>
            {
                var values = group.Select(entry => entry.Sentiment).ToList();
                var mean = values.Average();
                var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
                return new SegmentMood(group.Key.Category, group.Key.Value, values.Count, Math.Round(mean, 4), Math.Round(sd, 4));
            })
            .OrderBy(mood => mood.Category, StringComparer.Ordinal)
            .ThenBy(mood => mood.Value, StringComparer.Ordinal)
            .ToList();
}

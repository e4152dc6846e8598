using MarketResearch.Domain.Analysis;
using MarketResearch.Domain.FocusGroups;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>The numbers of a run, computed by our own code rather than written by the model.</summary>
internal sealed record FocusGroupStatistics(
    int Participants,
    int Answers,
    double MeanSentiment,
    int Agreements,
    int Disagreements,
    string SentimentMethod,
    IReadOnlyList<QuestionPolarization> Questions,
    IReadOnlyList<SegmentMood> SentimentBySegment)
{
    public static FocusGroupStatistics Compute(IReadOnlyList<DiscussionTurn> transcript, int questionCount, int participants, FocusGroupOptions options)
    {
        var answers = transcript.Where(turn => turn.Speaker is not null).ToList();
        var questions = Enumerable.Range(0, questionCount).Select(index => PolarizationAnalysis.Analyse(index,
                answers.Where(turn => turn.QuestionIndex == index && turn.Round == FocusGroupRounds.Answer)
                    .OrderBy(turn => turn.Sequence)
                    .Select(turn => new ScoredAnswer(turn.Speaker!.Id, turn.Text, turn.Sentiment ?? 0, turn.Embedding!)).ToList(),
                new ClusteringSettings(options.MaxClusters, options.MinSilhouette, index)))
            .ToList();
        var segments = SegmentSentiment.ByCategory(answers.Select(turn => new SegmentedScore(turn.Speaker!.Demographics, turn.Sentiment ?? 0)));
        return new FocusGroupStatistics(
            participants,
            answers.Count,
            answers.Count == 0 ? 0 : Math.Round(answers.Average(turn => turn.Sentiment ?? 0), 4),
            answers.Sum(turn => turn.AgreesWith.Count),
            answers.Sum(turn => turn.DisagreesWith.Count),
            $"blend: {options.ModelSentimentWeight:0.##} × model sentiment + {1 - options.ModelSentimentWeight:0.##} × EN/PL lexicon score",
            questions,
            segments);
    }
}

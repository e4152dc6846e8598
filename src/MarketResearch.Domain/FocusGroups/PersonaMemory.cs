using MarketResearch.Domain.Analysis;

namespace MarketResearch.Domain.FocusGroups;

/// <summary>One of a persona's own earlier answers and its embedding.</summary>
public sealed record RememberedAnswer(int QuestionIndex, string Text, ReadOnlyMemory<float> Embedding);

/// <summary>
/// What a persona recalls of its own answers: the ones most similar to the question now asked. While every earlier
/// answer fits, ranking would only reorder them, so they are recalled in speaking order (and need no vectors).
/// </summary>
public static class PersonaMemory
{
    /// <summary>Whether recall has to choose, i.e. needs the answers' and the question's vectors.</summary>
    public static bool NeedsRanking(int earlierAnswers, int count) => earlierAnswers > count;

    /// <param name="earlier">The persona's earlier answers in speaking order.</param>
    public static IReadOnlyList<RememberedAnswer> Recall(IReadOnlyList<RememberedAnswer> earlier, ReadOnlySpan<float> question, int count)
    {
        if (!NeedsRanking(earlier.Count, count))
        {
            return earlier;
        }

        var scored = new List<(RememberedAnswer Answer, double Score)>();
        foreach (var answer in earlier)
        {
            scored.Add((answer, VectorMath.Cosine(answer.Embedding.Span, question)));
        }

        // Ties (identical answers) keep the most recent first.
        return scored.OrderByDescending(pair => pair.Score).ThenByDescending(pair => pair.Answer.QuestionIndex)
            .Take(count).Select(pair => pair.Answer).ToList();
    }
}

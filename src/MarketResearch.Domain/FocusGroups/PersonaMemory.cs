using MarketResearch.Domain.Analysis;

namespace MarketResearch.Domain.FocusGroups;

/// <summary>One of a persona's own earlier answers and its embedding.</summary>
public sealed record RememberedAnswer(int QuestionIndex, string Text, ReadOnlyMemory<float> Embedding);

/// <summary>What a persona recalls of its own answers: the ones most similar to the question now asked.</summary>
public static class PersonaMemory
{
    public static IReadOnlyList<RememberedAnswer> Recall(IEnumerable<RememberedAnswer> earlier, ReadOnlySpan<float> question, int count)
    {
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

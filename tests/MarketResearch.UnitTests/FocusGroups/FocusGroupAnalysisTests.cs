using MarketResearch.Domain.Analysis;
using MarketResearch.Domain.FocusGroups;

namespace MarketResearch.UnitTests.FocusGroups;

public sealed class FocusGroupAnalysisTests
{
    [Fact]
    public void Sentiment_is_averaged_for_every_value_of_every_category()
    {
        var moods = SegmentSentiment.ByCategory(
        [
            new(new Dictionary<string, string> { ["income"] = "low", ["age"] = "25-34" }, -0.5),
            new(new Dictionary<string, string> { ["income"] = "low", ["age"] = "45-54" }, -0.1),
            new(new Dictionary<string, string> { ["income"] = "high", ["age"] = "25-34" }, 0.6),
        ]);

        var low = moods.Single(m => m.Category == "income" && m.Value == "low");
        Assert.Equal(2, low.Answers);
        Assert.Equal(-0.3, low.MeanSentiment, 6);
        Assert.Equal(Math.Sqrt(0.08), low.StandardDeviation, 4);
        Assert.Equal(0.05, moods.Single(m => m.Category == "age" && m.Value == "25-34").MeanSentiment, 6);
        Assert.Equal(4, moods.Count);
        Assert.Equal(0, moods.Single(m => m.Value == "high").StandardDeviation);
    }

    [Fact]
    public void Memory_recalls_the_answers_closest_to_the_question_first()
    {
        RememberedAnswer Answer(int index, params float[] vector) => new(index, $"answer {index}", vector);
        var earlier = new[] { Answer(0, 1, 0, 0), Answer(1, 0, 1, 0), Answer(2, 0.7f, 0.7f, 0), Answer(3, 0, 0, 1) };

        var recalled = PersonaMemory.Recall(earlier, [0, 1, 0.1f], count: 2);

        Assert.Equal([1, 2], recalled.Select(a => a.QuestionIndex));
        Assert.Empty(PersonaMemory.Recall([], [1, 0, 0], 3));
        Assert.Equal(4, PersonaMemory.Recall(earlier, [1, 0, 0], 10).Count);
    }

    [Fact]
    public void Memory_that_holds_every_earlier_answer_recalls_them_in_speaking_order_without_ranking()
    {
        RememberedAnswer Answer(int index, params float[] vector) => new(index, $"answer {index}", vector);
        var earlier = new[] { Answer(0, 1, 0, 0), Answer(1, 0, 1, 0), Answer(2, 0, 0, 1) };

        Assert.False(PersonaMemory.NeedsRanking(earlier.Length, count: 3));
        Assert.True(PersonaMemory.NeedsRanking(earlier.Length, count: 2));
        // The same lines ranking would choose, in the order they were spoken, whatever the question.
        Assert.Equal([0, 1, 2], PersonaMemory.Recall(earlier, [0, 0, 1], count: 3).Select(a => a.QuestionIndex));
        Assert.Equal(PersonaMemory.Recall(earlier, [0, 0, 1], count: 3).Select(a => a.Text).Order(),
            PersonaMemory.Recall(earlier, [1, 0, 0], count: 3).Select(a => a.Text).Order());
        // Without vectors at all (the moderator's case while they are still being computed).
        Assert.Equal(["x", "y"], PersonaMemory.Recall([new(0, "x", ReadOnlyMemory<float>.Empty), new(1, "y", ReadOnlyMemory<float>.Empty)], [1, 0], count: 3).Select(a => a.Text));
    }

    [Fact]
    public void Names_resolve_by_full_name_or_a_unique_first_name_and_never_to_oneself()
    {
        var anna = Guid.NewGuid();
        var jan = Guid.NewGuid();
        var janina = Guid.NewGuid();
        var piotrA = Guid.NewGuid();
        var piotrB = Guid.NewGuid();
        var names = new ParticipantNames([(anna, "Anna Nowak"), (jan, "Jan Kowalski"), (janina, "Janina Wiśniewska"), (piotrA, "Piotr Zieliński"), (piotrB, "Piotr Lewandowski")]);

        Assert.Equal([anna, jan], names.Resolve(["anna nowak", " Jan ", "Anna", "Nobody Here"], self: janina));
        Assert.Equal([piotrB], names.Resolve(["Piotr", "Piotr  Lewandowski"], self: anna));
        Assert.Empty(names.Resolve(["Anna Nowak", "@Anna"], self: anna));
        Assert.Equal([janina], names.Resolve(["@Janina"], self: anna));
        Assert.Empty(names.Resolve(null, self: anna));
    }

    [Fact]
    public void Cosine_compares_direction_and_refuses_mismatched_lengths()
    {
        Assert.Equal(1, VectorMath.Cosine([1, 2], [2, 4]), 6);
        Assert.Equal(0, VectorMath.Cosine([1, 0], [0, 3]), 6);
        Assert.Equal(2, VectorMath.CosineDistance([1, 0], [-1, 0]), 6);
        Assert.Equal(0, VectorMath.Cosine([0, 0], [1, 0]));
        Assert.Throws<ArgumentException>(() => VectorMath.Cosine([1], [1, 2]));
    }

    [Fact]
    public void A_valid_draft_passes_and_every_fault_names_its_field()
    {
        var persona = Guid.NewGuid();
        Assert.Empty(FocusGroupDraftValidator.Validate(new FocusGroupDraft("Group", [persona], ["  Why?  "])));
        Assert.Equal(["Why?"], FocusGroupDraftValidator.Normalize(["  Why?  "]));

        var errors = FocusGroupDraftValidator.Validate(new FocusGroupDraft(" ", [persona, persona], ["ok?", null, new string('x', 1001), "OK?"]));

        Assert.Contains("name", errors.Keys);
        Assert.Contains("personaIds", errors.Keys);
        Assert.Contains("questions[1]", errors.Keys);
        Assert.Contains("questions[2]", errors.Keys);
        Assert.Contains("questions", errors.Keys);
        Assert.Contains("personaIds", FocusGroupDraftValidator.Validate(new FocusGroupDraft("G", Enumerable.Range(0, 201).Select(_ => Guid.NewGuid()).ToList(), ["Q?"])).Keys);
        Assert.Contains("questions", FocusGroupDraftValidator.Validate(new FocusGroupDraft("G", [persona], null)).Keys);
    }
}

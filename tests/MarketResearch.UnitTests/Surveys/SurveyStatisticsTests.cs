using MarketResearch.Domain.Surveys;

namespace MarketResearch.UnitTests.Surveys;

public sealed class SurveyStatisticsTests
{
    private static readonly IReadOnlyList<SurveyQuestion> Questions =
    [
        new() { Type = SurveyQuestionType.SingleChoice, Text = "Which?", Options = ["Cheap", "Premium", "Neither"] },
        new() { Type = SurveyQuestionType.MultipleChoice, Text = "What matters?", Options = ["Price", "Taste", "Brand"], MinSelections = 1, MaxSelections = 3 },
        new() { Type = SurveyQuestionType.RatingScale, Text = "How likely?", Minimum = 1, Maximum = 5, MinimumLabel = "Never", MaximumLabel = "Surely" },
        new() { Type = SurveyQuestionType.OpenText, Text = "Why?" },
    ];

    private static readonly Guid[] People = [.. Enumerable.Range(1, 4).Select(n => new Guid(n, 0, 0, new byte[8]))];

    private static readonly Dictionary<Guid, IReadOnlyDictionary<string, string>> Demographics = new()
    {
        [People[0]] = new Dictionary<string, string> { ["age"] = "18-34", ["location"] = "urban" },
        [People[1]] = new Dictionary<string, string> { ["age"] = "18-34", ["location"] = "rural" },
        [People[2]] = new Dictionary<string, string> { ["age"] = "35-54", ["location"] = "urban", ["hobby"] = "chess" },
        [People[3]] = new Dictionary<string, string> { ["age"] = "35-54" },
    };

    private static readonly List<RespondentAnswer> Answers =
    [
        new(People[0], 0, SurveyAnswer.Options([0])), new(People[1], 0, SurveyAnswer.Options([0])),
        new(People[2], 0, SurveyAnswer.Options([1])), new(People[3], 0, SurveyAnswer.Options([0])),
        new(People[0], 1, SurveyAnswer.Options([0, 1])), new(People[1], 1, SurveyAnswer.Options([0])),
        new(People[2], 1, SurveyAnswer.Options([1, 2])), new(People[3], 1, SurveyAnswer.Options([0, 1, 2])),
        new(People[0], 2, SurveyAnswer.OfRating(5)), new(People[1], 2, SurveyAnswer.OfRating(2)),
        new(People[2], 2, SurveyAnswer.OfRating(4)), new(People[3], 2, SurveyAnswer.OfRating(4)),
        new(People[0], 3, SurveyAnswer.OfText("Too expensive for us.")), new(People[1], 3, SurveyAnswer.OfText("Far too expensive.")),
        new(People[2], 3, SurveyAnswer.OfText("Love the taste.")), new(People[3], 3, SurveyAnswer.OfText("Expensive, honestly.")),
    ];

    private static SurveyResults Compute() => SurveyStatistics.Compute(Questions, Answers, Demographics, maxThemes: 4);

    [Fact]
    public void Single_choice_counts_and_shares_sum_to_the_respondents()
    {
        var result = Compute().Questions[0];

        Assert.Equal(4, result.Answered);
        Assert.Equal([3, 1, 0], result.Options!.Select(option => option.Count));
        Assert.Equal(1, result.Options!.Sum(option => option.Share), 12);
        Assert.Equal("Neither", result.Options![2].Option);
    }

    [Fact]
    public void Multiple_choice_shares_are_shares_of_respondents()
    {
        var result = Compute().Questions[1];

        Assert.Equal([3, 3, 2], result.Options!.Select(option => option.Count));
        Assert.Equal(0.75, result.Options![0].Share);
    }

    [Fact]
    public void Ratings_have_a_distribution_mean_median_and_sample_sd()
    {
        var rating = Compute().Questions[2].Rating!;

        Assert.Equal(3.75, rating.Mean);
        Assert.Equal(4, rating.Median);
        Assert.Equal(Math.Sqrt(((1.25 * 1.25) + (1.75 * 1.75) + (0.25 * 0.25 * 2)) / 3), rating.StandardDeviation!.Value, 12);
        Assert.Equal([1, 2, 3, 4, 5], rating.Distribution.Select(point => point.Value));
        Assert.Equal([0, 1, 0, 2, 1], rating.Distribution.Select(point => point.Count));
        Assert.Equal(["Never", null, null, null, "Surely"], rating.Distribution.Select(point => point.Label));
    }

    [Fact]
    public void Every_closed_question_is_cross_tabulated_by_every_category_the_personas_carry()
    {
        var results = Compute();

        foreach (var question in results.Questions.Take(3))
        {
            Assert.Equal(["age", "location", "hobby"], question.CrossTabs!.Select(tab => tab.Category));
        }

        Assert.Null(results.Questions[3].CrossTabs);
    }

    [Fact]
    public void Cross_tab_rows_add_up_to_the_question_totals()
    {
        var results = Compute();

        foreach (var question in results.Questions.Take(3))
        {
            var totals = question.Options?.Select(option => option.Count).ToList() ?? question.Rating!.Distribution.Select(point => point.Count).ToList();
            foreach (var tab in question.CrossTabs!)
            {
                Assert.Equal(question.Answered, tab.Rows.Sum(row => row.Respondents));
                Assert.Equal(totals, Enumerable.Range(0, tab.Columns.Count).Select(column => tab.Rows.Sum(row => row.Counts[column])));
            }
        }
    }

    [Fact]
    public void Cross_tab_cells_are_right_and_a_missing_value_is_its_own_row()
    {
        var location = Compute().Questions[0].CrossTabs!.Single(tab => tab.Category == "location");

        Assert.Equal(["rural", "urban", SurveyStatistics.NotStated], location.Rows.Select(row => row.Value));
        Assert.Equal([1, 1, 0], location.Rows[1].Counts);
        Assert.Equal([0.5, 0.5, 0], location.Rows[1].Shares);
        var age = Compute().Questions[2].CrossTabs!.Single(tab => tab.Category == "age");
        Assert.Equal([3.5, 4], age.Rows.Select(row => row.Mean!.Value));
    }

    [Fact]
    public void Open_text_gets_themes_whose_counts_sum_to_the_answers()
    {
        var result = Compute().Questions[3];

        Assert.Equal(4, result.Themes!.Sum(theme => theme.Count));
        var first = result.Themes![0];
        Assert.Equal("expensive", first.Label);
        Assert.Equal(3, first.Count);
        Assert.Equal(0.75, first.Share);
        Assert.Contains("expensive", first.Representative, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Respondents_are_counted_once()
    {
        Assert.Equal(4, Compute().Respondents);
    }
}

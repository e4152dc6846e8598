using MarketResearch.Domain.Surveys;

namespace MarketResearch.UnitTests.Surveys;

public sealed class SurveyDraftValidatorTests
{
    private static SurveyQuestionDraft Single(params string?[] options) => new("singleChoice", "Which do you prefer?", [.. options]);

    private static IReadOnlyDictionary<string, string[]> Validate(params SurveyQuestionDraft[] questions) =>
        SurveyDraftValidator.Validate(new SurveyDraft("Pricing", [.. questions]), out _);

    [Fact]
    public void A_survey_with_all_four_types_is_valid_and_normalised()
    {
        var errors = SurveyDraftValidator.Validate(new SurveyDraft(" Pricing ",
        [
            Single(" Cheap ", "Premium"),
            new("multiple_choice", "Which apply?", ["Price", "Taste", "Brand"], MaxSelections: 2),
            new("RatingScale", "How likely?", Min: 1, Max: 5, MinLabel: "Not at all", MaxLabel: "Very"),
            new("openText", "  Why?  "),
        ]), out var questions);

        Assert.Empty(errors);
        Assert.Equal([SurveyQuestionType.SingleChoice, SurveyQuestionType.MultipleChoice, SurveyQuestionType.RatingScale, SurveyQuestionType.OpenText],
            questions.Select(question => question.Type));
        Assert.Equal(["Cheap", "Premium"], questions[0].Options);
        Assert.Equal((1, 2), (questions[1].MinSelections!.Value, questions[1].MaxSelections!.Value));
        Assert.Equal((1, 5, "Not at all", "Very"), (questions[2].Minimum!.Value, questions[2].Maximum!.Value, questions[2].MinimumLabel, questions[2].MaximumLabel));
        Assert.Equal("Why?", questions[3].Text);
    }

    [Fact]
    public void Multiple_choice_defaults_to_one_up_to_every_option()
    {
        SurveyDraftValidator.Validate(new SurveyDraft("x", [new("multipleChoice", "Which?", ["a", "b", "c"])]), out var questions);

        Assert.Equal((1, 3), (questions[0].MinSelections!.Value, questions[0].MaxSelections!.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void A_survey_needs_questions(int? count)
    {
        var errors = SurveyDraftValidator.Validate(new SurveyDraft("x", count is null ? null : []), out var questions);

        Assert.Contains("questions", errors.Keys);
        Assert.Empty(questions);
    }

    [Fact]
    public void Errors_name_the_exact_question()
    {
        var errors = Validate(Single("a", "b"), Single("a", "b"), Single("a", "  "));

        Assert.Equal(["questions[2].options"], errors.Keys);
    }

    [Theory]
    [InlineData("Cheap", "cheap")]
    [InlineData("Very  good", " very good ")]
    [InlineData("ŻÓŁW", "żółw")]
    public void Duplicate_options_ignore_case_and_spacing(string first, string second)
    {
        var errors = Validate(Single("Other", first, second));

        Assert.Contains("repeats option 1", Assert.Single(errors["questions[0].options"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_options_are_rejected(string? empty)
    {
        Assert.Contains("questions[0].options", Validate(Single("a", empty, "b")).Keys);
    }

    [Fact]
    public void Fewer_than_two_options_are_rejected()
    {
        Assert.Contains("questions[0].options", Validate(Single("only")).Keys);
        Assert.Contains("questions[0].options", Validate(new SurveyQuestionDraft("singleChoice", "Which?")).Keys);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(5, 1)]
    public void A_rating_scale_needs_min_below_max(int min, int max)
    {
        Assert.Contains("questions[0].max", Validate(new SurveyQuestionDraft("ratingScale", "How?", Min: min, Max: max)).Keys);
    }

    [Fact]
    public void A_rating_scale_needs_bounds_and_a_readable_number_of_points()
    {
        Assert.Contains("questions[0].min", Validate(new SurveyQuestionDraft("ratingScale", "How?", Max: 5)).Keys);
        Assert.Contains("questions[0].max", Validate(new SurveyQuestionDraft("ratingScale", "How?", Min: 0, Max: SurveyDraftValidator.MaxRatingPoints)).Keys);
        Assert.Empty(Validate(new SurveyQuestionDraft("ratingScale", "NPS?", Min: 0, Max: 10)));
    }

    [Theory]
    [InlineData("dropdown")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_type_is_rejected(string? type)
    {
        var errors = Validate(Single("a", "b"), new SurveyQuestionDraft(type, "What?", ["a", "b"]));

        Assert.Contains("Known types", Assert.Single(errors["questions[1].type"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Selection_bounds_must_fit_the_options()
    {
        Assert.Contains("questions[0].maxSelections", Validate(new SurveyQuestionDraft("multipleChoice", "Which?", ["a", "b"], MaxSelections: 3)).Keys);
        Assert.Contains("questions[0].maxSelections", Validate(new SurveyQuestionDraft("multipleChoice", "Which?", ["a", "b", "c"], MinSelections: 3, MaxSelections: 2)).Keys);
        Assert.Contains("questions[0].minSelections", Validate(new SurveyQuestionDraft("multipleChoice", "Which?", ["a", "b"], MinSelections: 0)).Keys);
    }

    [Fact]
    public void Fields_of_another_question_type_are_rejected()
    {
        Assert.Contains("questions[0].type", Validate(new SurveyQuestionDraft("openText", "Why?", ["a", "b"])).Keys);
        Assert.Contains("questions[0].type", Validate(new SurveyQuestionDraft("singleChoice", "Which?", ["a", "b"], Min: 1, Max: 5)).Keys);
    }

    [Fact]
    public void Question_text_is_required()
    {
        Assert.Contains("questions[0].text", Validate(new SurveyQuestionDraft("openText", " ")).Keys);
    }

    [Fact]
    public void Persona_lists_may_be_omitted_but_not_empty_or_repeated()
    {
        var id = Guid.NewGuid();
        Assert.Empty(SurveyDraftValidator.Validate(new SurveyDraft("x", [Single("a", "b")]), out _));
        Assert.Contains("personaIds", SurveyDraftValidator.Validate(new SurveyDraft("x", [Single("a", "b")], []), out _).Keys);
        Assert.Contains("personaIds[2]", SurveyDraftValidator.Validate(new SurveyDraft("x", [Single("a", "b")], [id, Guid.NewGuid(), id]), out _).Keys);
    }
}

using System.Text.Json;
using MarketResearch.Domain.Surveys;

namespace MarketResearch.UnitTests.Surveys;

public sealed class SurveyAnswerReaderTests
{
    private static readonly SurveyQuestion Single = new() { Type = SurveyQuestionType.SingleChoice, Text = "Which?", Options = ["Cheap", "Very good value", "Premium"] };
    private static readonly SurveyQuestion Multiple = new() { Type = SurveyQuestionType.MultipleChoice, Text = "Which?", Options = ["Price", "Taste", "Brand", "Habit"], MinSelections = 2, MaxSelections = 3 };
    private static readonly SurveyQuestion Rating = new() { Type = SurveyQuestionType.RatingScale, Text = "How?", Minimum = 1, Maximum = 5 };
    private static readonly SurveyQuestion Open = new() { Type = SurveyQuestionType.OpenText, Text = "Why?" };

    private static AnswerReading Read(SurveyQuestion question, string json) => SurveyAnswerReader.Read(question, JsonDocument.Parse(json).RootElement);

    [Fact]
    public void An_exact_option_is_read_as_its_index()
    {
        var reading = Read(Single, """{"choice":"Premium"}""");

        Assert.Equal([2], reading.Answer!.OptionIndexes!);
        Assert.Empty(reading.Repairs);
    }

    [Fact]
    public void An_option_written_with_other_case_and_spacing_is_matched_and_the_repair_is_reported()
    {
        var reading = Read(Single, """{"choice":"  very GOOD   value "}""");

        Assert.Equal([1], reading.Answer!.OptionIndexes!);
        Assert.Single(reading.Repairs);
    }

    [Theory]
    [InlineData("""{"choice":"Free"}""")]
    [InlineData("""{"choice":""}""")]
    [InlineData("""{"choice":0}""")]
    [InlineData("""{"choices":["Cheap"]}""")]
    [InlineData("""[]""")]
    public void A_choice_that_is_not_an_option_is_an_error_never_the_first_option(string json)
    {
        var reading = Read(Single, json);

        Assert.Null(reading.Answer);
        Assert.NotEmpty(reading.Errors);
    }

    [Fact]
    public void Multiple_choices_are_read_in_option_order_and_a_repeat_counts_once()
    {
        var reading = Read(Multiple, """{"choices":["Brand","price","Brand"]}""");

        Assert.Equal([0, 2], reading.Answer!.OptionIndexes!);
        Assert.Equal(2, reading.Repairs.Count);
    }

    [Theory]
    [InlineData("""{"choices":["Price"]}""")]
    [InlineData("""{"choices":["Price","Taste","Brand","Habit"]}""")]
    [InlineData("""{"choices":["Price","Smell"]}""")]
    [InlineData("""{"choices":"Price"}""")]
    public void Selections_outside_the_bounds_or_the_options_are_errors(string json)
    {
        var reading = Read(Multiple, json);

        Assert.Null(reading.Answer);
        Assert.NotEmpty(reading.Errors);
    }

    [Theory]
    [InlineData("""{"rating":4}""", 4)]
    [InlineData("""{"rating":4.0}""", 4)]
    [InlineData("""{"rating":"5"}""", 5)]
    [InlineData("""{"rating":1}""", 1)]
    public void Ratings_on_the_scale_are_read(string json, int expected)
    {
        Assert.Equal(expected, Read(Rating, json).Answer!.Rating);
    }

    [Theory]
    [InlineData("""{"rating":4.5}""")]
    [InlineData("""{"rating":0}""")]
    [InlineData("""{"rating":6}""")]
    [InlineData("""{"rating":"high"}""")]
    [InlineData("""{"rating":null}""")]
    [InlineData("""{}""")]
    public void Ratings_off_the_scale_or_between_points_are_errors(string json)
    {
        var reading = Read(Rating, json);

        Assert.Null(reading.Answer);
        Assert.NotEmpty(reading.Errors);
    }

    [Fact]
    public void Open_text_is_trimmed_and_must_not_be_empty()
    {
        Assert.Equal("Too pricey.", Read(Open, """{"text":"  Too pricey. "}""").Answer!.Text);
        Assert.Null(Read(Open, """{"text":"   "}""").Answer);
        Assert.Null(Read(Open, """{"text":42}""").Answer);
    }

    [Fact]
    public void Stored_answers_are_checked_against_their_question()
    {
        Assert.Empty(SurveyAnswerReader.Check(Multiple, SurveyAnswer.Options([0, 3])));
        Assert.NotEmpty(SurveyAnswerReader.Check(Multiple, SurveyAnswer.Options([0])));
        Assert.NotEmpty(SurveyAnswerReader.Check(Single, SurveyAnswer.Options([3])));
        Assert.NotEmpty(SurveyAnswerReader.Check(Rating, SurveyAnswer.OfRating(9)));
        Assert.NotEmpty(SurveyAnswerReader.Check(Open, SurveyAnswer.OfText(" ")));
    }
}

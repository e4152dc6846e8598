using MarketResearch.Domain.Analysis;

namespace MarketResearch.UnitTests.FocusGroups;

public sealed class SentimentLexiconTests
{
    [Theory]
    [InlineData("I love it, it is really useful and easy to use.")]
    [InlineData("Bardzo mi się podoba, to świetny i wygodny pomysł.")]
    [InlineData("Polecam, dobre i tanie.")]
    public void Praise_scores_positive(string text) => Assert.True(SentimentLexicon.Score(text) > 0.3, text);

    [Theory]
    [InlineData("It is too expensive and I am worried about hidden fees.")]
    [InlineData("Za drogie, obawiam się ukrytych kosztów.")]
    [InlineData("To jest kiepskie i skomplikowane.")]
    public void Complaints_score_negative(string text) => Assert.True(SentimentLexicon.Score(text) < -0.3, text);

    [Fact]
    public void A_negation_flips_the_words_that_follow_it()
    {
        Assert.True(SentimentLexicon.Score("It is good") > 0);
        Assert.True(SentimentLexicon.Score("It is not good") < 0);
        Assert.True(SentimentLexicon.Score("Nie jest dobre") < 0);
        Assert.True(SentimentLexicon.Score("I am not worried") > 0);
    }

    [Fact]
    public void Intensifiers_weigh_more_and_scores_stay_inside_minus_one_to_one()
    {
        Assert.True(SentimentLexicon.Score("very good, bad") > SentimentLexicon.Score("good, bad"));
        var gushing = string.Join(' ', Enumerable.Repeat("great", 500));
        Assert.InRange(SentimentLexicon.Score(gushing), 0.99, 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("The box costs 39 zł and arrives on Monday.")]
    public void Neutral_or_empty_text_scores_zero(string? text) => Assert.Equal(0, SentimentLexicon.Score(text));

    [Fact]
    public void The_blend_weighs_the_model_and_falls_back_to_the_lexicon()
    {
        Assert.Equal(0.6 * 0.5 + 0.4 * -0.5, SentimentBlend.Combine(0.5, -0.5, 0.6), 6);
        Assert.Equal(-0.5, SentimentBlend.Combine(null, -0.5, 0.6));
        Assert.Equal(-0.5, SentimentBlend.Combine(double.NaN, -0.5, 0.6));
        Assert.Equal(1, SentimentBlend.Combine(7, 1, 0.5));
    }
}

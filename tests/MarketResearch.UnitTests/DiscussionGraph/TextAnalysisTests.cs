using MarketResearch.Domain.DiscussionGraph;

namespace MarketResearch.UnitTests.DiscussionGraph;

public sealed class TextAnalysisTests
{
    [Fact]
    public void Key_phrases_run_between_stop_words_and_punctuation_and_merge_plurals()
    {
        var phrases = KeyPhraseExtractor.Extract("Honestly, the delivery fees are too high; I would pay for faster delivery fee refunds.", "en");

        Assert.Equal(["delivery fee", "high", "pay", "faster delivery fee", "refund"], phrases.Select(phrase => phrase.Key));
        Assert.Equal("delivery fees", phrases[0].Surface);
    }

    [Fact]
    public void Long_runs_are_cut_into_phrases_of_at_most_three_words()
    {
        var phrases = KeyPhraseExtractor.Extract("organic oat milk subscription box pricing", "en");

        Assert.All(phrases, phrase => Assert.True(phrase.Key.Split(' ').Length <= KeyPhraseExtractor.MaxWords));
        Assert.Equal(["organic oat milk", "subscription box pricing"], phrases.Select(phrase => phrase.Key));
    }

    [Fact]
    public void Polish_stop_words_split_phrases()
    {
        var phrases = KeyPhraseExtractor.Extract("Cena dostawy jest za wysoka, ale jakość produktu mnie przekonuje.", "pl");

        Assert.Equal(["cena dostawy", "wysoka", "jakość produktu", "przekonuje"], phrases.Select(phrase => phrase.Key));
    }

    [Theory]
    [InlineData("prices", "price")]
    [InlineData("batteries", "battery")]
    [InlineData("boxes", "boxe")]
    [InlineData("classes", "class")]
    [InlineData("status", "status")]
    [InlineData("analysis", "analysis")]
    [InlineData("bus", "bus")]
    public void English_plurals_become_singular(string word, string singular)
    {
        Assert.Equal(singular, KeyPhraseExtractor.Normalise(word, "en"));
    }

    [Fact]
    public void Emotions_are_found_by_stem_with_intensity()
    {
        var english = EmotionLexicon.Detect("I am worried about the risk, and frankly annoyed by the price.", "en");
        var polish = EmotionLexicon.Detect("Martwię się o cenę, ale ufam tej marce.", "pl");

        Assert.Equal(["anger", "fear"], english.Keys.Order());
        Assert.True(english["fear"] > english["anger"]);
        Assert.Equal(["fear", "trust"], polish.Keys.Order());
        Assert.Empty(EmotionLexicon.Detect("The package is blue.", "en"));
    }
}

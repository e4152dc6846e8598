using MarketResearch.Knowledge.Search;

namespace MarketResearch.UnitTests.Knowledge;

public sealed class KeywordQueryTests
{
    [Fact]
    public void Words_are_lower_cased_deduplicated_and_joined_with_or() =>
        Assert.Equal("oat | milk | price", KeywordQuery.ToTsQuery("Oat milk? MILK price!", 10));

    [Fact]
    public void Tsquery_operators_and_quotes_never_reach_postgres() =>
        Assert.Equal("a | b | c | d", KeywordQuery.ToTsQuery("a & b | !c' :* (d)", 10));

    [Fact]
    public void Polish_letters_are_words_and_punctuation_only_is_no_query()
    {
        Assert.Equal("żółć | cena", KeywordQuery.ToTsQuery("Żółć, cena", 10));
        Assert.Null(KeywordQuery.ToTsQuery("?! ...", 10));
        Assert.Equal("a | b", KeywordQuery.ToTsQuery("a b c", 2));
        Assert.Equal("oat & milk", KeywordQuery.ToTsQuery("Oat milk? MILK", 10, requireAll: true));
    }
}

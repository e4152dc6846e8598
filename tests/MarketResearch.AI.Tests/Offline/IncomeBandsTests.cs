using MarketResearch.AI.Offline;

namespace MarketResearch.AI.Tests.Offline;

public sealed class IncomeBandsTests
{
    [Theory]
    [InlineData("low", IncomeBands.Low)]
    [InlineData("Lower middle", IncomeBands.LowerMiddle)]
    [InlineData("upper-middle", IncomeBands.UpperMiddle)]
    [InlineData("High income", IncomeBands.High)]
    [InlineData("średni", IncomeBands.Middle)]
    [InlineData("under 25k", IncomeBands.Low)]
    [InlineData("<30k", IncomeBands.Low)]
    [InlineData("30-60k", IncomeBands.LowerMiddle)]
    [InlineData("$60,000-$90,000", IncomeBands.Middle)]
    [InlineData("100k+", IncomeBands.UpperMiddle)]
    [InlineData("250k", IncomeBands.High)]
    [InlineData("", IncomeBands.Unknown)]
    [InlineData("prefer not to say", IncomeBands.Unknown)]
    public void Reads_words_and_amounts(string band, double expected)
    {
        Assert.Equal(expected, IncomeBands.AffordabilityOf(band));
    }
}

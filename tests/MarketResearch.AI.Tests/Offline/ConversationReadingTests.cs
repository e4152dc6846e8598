using MarketResearch.AI.Offline;
using Microsoft.Extensions.AI;

namespace MarketResearch.AI.Tests.Offline;

public sealed class ConversationReadingTests
{
    [Theory]
    [InlineData("What do you think about a new AI app that plans your weekly meals for 39 zł a month?", "a new AI app that plans my weekly meals")]
    [InlineData("How do you feel about the price of a $6 oat-milk latte?", "the price of a $6 oat-milk latte")]
    [InlineData("Is 499 zł a fair price for wireless earbuds?", "wireless earbuds")]
    [InlineData("What would you say about a membership priced at $120 a year?", "a membership")]
    [InlineData("What do you think of your current bank?", "my current bank")]
    [InlineData("Tell us more.", "this")]
    public void Finds_the_subject_of_the_question(string question, string topic)
    {
        var reading = ConversationReading.Of([new ChatMessage(ChatRole.User, question)], selfName: null);

        Assert.Equal(topic, reading.Topic);
    }

    [Fact]
    public void Reads_who_said_what_but_not_prompt_labels_or_its_own_lines()
    {
        const string Prompt = """
            Persona: Anna, 34
            Question: Would you try it?
            Maria (45, nurse): I love it, great idea.
            - Tom: No, overpriced and a waste of money.
            Anna: I said this before.
            Sources: [1] survey, [2] interviews
            """;

        var reading = ConversationReading.Of([new ChatMessage(ChatRole.User, Prompt)], selfName: "Anna");

        Assert.Equal(["Maria", "Tom"], reading.OthersSaid.Select(s => s.Speaker));
        Assert.True(reading.OthersSaid[0].Polarity > 0);
        Assert.True(reading.OthersSaid[1].Polarity < 0);
        Assert.Equal(["[1]", "[2]"], reading.SourceMarkers);
    }
}

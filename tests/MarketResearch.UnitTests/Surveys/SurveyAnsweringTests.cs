using System.Text.Json;
using MarketResearch.AI;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Surveys;
using MarketResearch.Worker.Surveys;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketResearch.UnitTests.Surveys;

public sealed class SurveyAnsweringTests
{
    private static readonly Persona Anna = new()
    {
        Id = Guid.NewGuid(),
        Name = "Anna Nowak",
        Demographics = new() { ["age"] = "25-34", ["income"] = "low" },
        Traits = new() { ["openness"] = 0.7, ["neuroticism"] = 0.6 },
        Profile = JsonDocument.Parse("""{"headline":"Busy nurse","backgroundStory":"Works nights."}"""),
    };

    private static Survey SurveyOf(SurveyQuestion question) => new() { Name = "Meal kits", Questions = [question] };

    private static readonly SurveyQuestion Open = new() { Type = SurveyQuestionType.OpenText, Text = "Why?" };
    private static readonly SurveyQuestion Single = new() { Type = SurveyQuestionType.SingleChoice, Text = "Which?", Options = ["Basic", "Premium"] };

    [Fact]
    public async Task An_invalid_answer_is_asked_for_again_with_the_reason()
    {
        var chat = new ScriptedChat("""{"text":"   "}""", """{"text":"Too pricey for me."}""");

        var obtained = await Answering(chat).AskAsync(SurveyOf(Open), 0, Anna, seed: 1, CancellationToken.None);

        Assert.Equal("Too pricey for me.", obtained.Answer.Text);
        Assert.Equal(2, obtained.Attempts);
        var retry = chat.Requests[1][^1];
        Assert.Equal(ChatRole.User, retry.Role);
        Assert.Contains("non-empty", retry.Text, StringComparison.Ordinal);
        Assert.Contains("Anna Nowak", chat.Requests[0][0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_stays_invalid_fails_the_run_instead_of_being_defaulted()
    {
        var chat = new ScriptedChat("""{"text":" "}""");

        await Assert.ThrowsAsync<SurveyAnswerException>(() => Answering(chat, maxAttempts: 2).AskAsync(SurveyOf(Open), 0, Anna, 1, CancellationToken.None));
        Assert.Equal(2, chat.Requests.Count);
    }

    [Fact]
    public async Task A_choice_outside_the_options_is_never_turned_into_the_first_option()
    {
        var chat = new ScriptedChat("""{"choice":"Free"}""");

        await Assert.ThrowsAsync<SurveyAnswerException>(() => Answering(chat, maxAttempts: 2).AskAsync(SurveyOf(Single), 0, Anna, 1, CancellationToken.None));
    }

    [Fact]
    public async Task The_prompt_lists_the_options_and_the_reply_is_read_as_an_index()
    {
        var chat = new ScriptedChat("""{"choice":"Premium"}""");

        var obtained = await Answering(chat).AskAsync(SurveyOf(Single), 0, Anna, 1, CancellationToken.None);

        Assert.Equal([1], obtained.Answer.OptionIndexes!);
        Assert.Contains("- Basic\n- Premium", chat.Requests[0][1].Text, StringComparison.Ordinal);
    }

    private static SurveyAnswering Answering(IChatClient chat, int maxAttempts = 3) => new(
        new StructuredCompletion(chat, Options.Create(new LlmOptions()), NullLogger<StructuredCompletion>.Instance),
        Options.Create(new SurveyRunOptions { MaxAnswerAttempts = maxAttempts }));

    /// <summary>Replies with the given texts in turn (the last one forever) and keeps every conversation it was sent.</summary>
    private sealed class ScriptedChat(params string[] replies) : IChatClient
    {
        public List<List<ChatMessage>> Requests { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Requests.Add(messages.ToList());
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, replies[Math.Min(Requests.Count - 1, replies.Length - 1)])));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

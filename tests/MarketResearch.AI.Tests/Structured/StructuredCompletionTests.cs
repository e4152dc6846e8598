using MarketResearch.AI.Structured;
using MarketResearch.AI.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Tests.Structured;

public sealed class StructuredCompletionTests
{
    private const string Valid = """{"answer":"Fine by me","sentiment":0.4,"agreesWith":["Anna"],"disagreesWith":[]}""";

    [Fact]
    public async Task Asks_for_json_with_the_schema_and_returns_the_valid_reply()
    {
        var client = new ScriptedChatClient(Valid);

        var answer = await Complete(client).CompleteAsync(Ask(), ResearchSchemas.FocusGroupAnswer, "focus_group_answer");

        Assert.Equal(1, answer.Attempts);
        Assert.Empty(answer.Repairs);
        var format = Assert.IsType<ChatResponseFormatJson>(client.Requests[0].Options?.ResponseFormat);
        Assert.Equal("focus_group_answer", format.SchemaName);
        Assert.True(JsonEquals(ResearchSchemas.FocusGroupAnswer, format.Schema!.Value));
    }

    [Fact]
    public async Task A_fenced_reply_with_a_trailing_comma_is_repaired_without_asking_again()
    {
        var client = new ScriptedChatClient("```json\n{'answer': 'Yes', 'sentiment': 1, 'agreesWith': [], 'disagreesWith': ['Tom',],}\n```");

        var answer = await Complete(client).CompleteAsync(Ask(), ResearchSchemas.FocusGroupAnswer, "focus_group_answer");

        Assert.Single(client.Requests);
        Assert.Equal("Tom", answer.Json.GetProperty("disagreesWith")[0].GetString());
        Assert.Contains(JsonRepair.RemovedTrailingCommas, answer.Repairs);
    }

    [Fact]
    public async Task An_invalid_reply_is_retried_with_the_errors_fed_back()
    {
        var client = new ScriptedChatClient("""{"answer":"Yes","sentiment":3}""", Valid);

        var answer = await Complete(client).CompleteAsync(Ask(), ResearchSchemas.FocusGroupAnswer, "focus_group_answer");

        Assert.Equal(2, answer.Attempts);
        var retry = client.Requests[1].Messages;
        Assert.Equal(ChatRole.Assistant, retry[^2].Role);
        Assert.Contains("$.sentiment: 3 is above the maximum 1", retry[^1].Text, StringComparison.Ordinal);
        Assert.Contains("required property 'agreesWith' is missing", retry[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gives_up_after_the_configured_attempts_with_a_clear_exception()
    {
        var client = new ScriptedChatClient("I'm sorry, I can't answer in JSON.");

        var failure = await Assert.ThrowsAsync<StructuredOutputException>(
            () => Complete(client, maxAttempts: 4).CompleteAsync(Ask(), ResearchSchemas.FocusGroupAnswer, "focus_group_answer"));

        Assert.Equal(4, client.Requests.Count);
        Assert.Equal(4, failure.Attempts);
        Assert.Equal("focus_group_answer", failure.SchemaName);
        Assert.Contains("not valid JSON", failure.Errors[0], StringComparison.Ordinal);
        Assert.Contains("after 4 attempt(s)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_options_are_kept_and_not_mutated()
    {
        var client = new ScriptedChatClient(Valid);
        var callerOptions = new ChatOptions().WithOperation("focus_group_answer").WithSeed(3);

        await Complete(client).CompleteAsync(Ask(), ResearchSchemas.FocusGroupAnswer, "focus_group_answer", callerOptions);

        Assert.Null(callerOptions.ResponseFormat);
        Assert.Equal("focus_group_answer", client.Requests[0].Options.GetOperation());
        Assert.Equal(3, client.Requests[0].Options.GetSeed());
    }

    [Fact]
    public async Task The_offline_simulator_satisfies_it_first_time_and_deserializes_to_a_type()
    {
        var completion = Complete(OfflineCalls.Client);

        var profile = await completion.CompleteAsync<PersonaProfile>(
            [new ChatMessage(ChatRole.User, "Write the persona's profile.")],
            ResearchSchemas.PersonaProfile,
            "persona_profile",
            new ChatOptions().WithPersona(Personas.Curious));

        Assert.False(string.IsNullOrWhiteSpace(profile.Headline));
        Assert.InRange(profile.Values.Count, 3, 6);
    }

    private static StructuredCompletion Complete(IChatClient client, int maxAttempts = 3) =>
        new(client, Options.Create(new LlmOptions { StructuredOutput = new StructuredOutputSettings { MaxAttempts = maxAttempts } }), NullLogger<StructuredCompletion>.Instance);

    private static List<ChatMessage> Ask() => [new(ChatRole.User, "What do you think about the new menu?")];

    private static bool JsonEquals(System.Text.Json.JsonElement left, System.Text.Json.JsonElement right) =>
        System.Text.Json.JsonElement.DeepEquals(left, right);

    private sealed record PersonaProfile(
        string Headline,
        string BackgroundStory,
        IReadOnlyList<string> Values,
        IReadOnlyList<string> Interests,
        IReadOnlyList<string> NeedsAndPains,
        string CommunicationStyle,
        string DecisionStyle);
}

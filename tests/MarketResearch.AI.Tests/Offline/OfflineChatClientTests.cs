using MarketResearch.AI.Offline;
using MarketResearch.AI.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Tests.Offline;

public sealed class OfflineChatClientTests
{
    private const string Question = "What do you think about a new AI app that plans your weekly meals for $8 a month?";

    [Fact]
    public async Task Same_seed_persona_and_prompt_give_the_same_answer_even_from_a_new_client()
    {
        var first = await OfflineCalls.TextAsync(Personas.Typical, Question, seed: 42);
        using var freshClient = new OfflineChatClient(Options.Create(new LlmOptions()));
        var again = await freshClient.GetResponseAsync([new ChatMessage(ChatRole.User, Question)], OfflineCalls.OptionsFor(Personas.Typical, 42));

        Assert.Equal(first, again.Text);
    }

    [Fact]
    public async Task Another_seed_or_another_persona_changes_the_answer()
    {
        var differentSeeds = 0;
        var differentPersonas = 0;
        foreach (var prompt in Prompts.All)
        {
            var baseline = await OfflineCalls.TextAsync(Personas.Typical, prompt, seed: 1);
            differentSeeds += baseline != await OfflineCalls.TextAsync(Personas.Typical, prompt, seed: 2) ? 1 : 0;
            differentPersonas += baseline != await OfflineCalls.TextAsync(Personas.Typical with { Name = "Zofia", Age = 70 }, prompt, seed: 1) ? 1 : 0;
        }

        Assert.True(differentSeeds >= Prompts.All.Count * 0.9, $"only {differentSeeds} of {Prompts.All.Count} answers changed with the seed");
        Assert.True(differentPersonas >= Prompts.All.Count * 0.9, $"only {differentPersonas} of {Prompts.All.Count} answers changed with the persona");
    }

    [Fact]
    public async Task The_default_seed_from_options_applies_when_a_request_has_none()
    {
        static async Task<string> AskWithDefaultSeed(long defaultSeed)
        {
            using var client = new OfflineChatClient(Options.Create(new LlmOptions { Offline = new OfflineSettings { DefaultSeed = defaultSeed } }));
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Question)], new ChatOptions().WithPersona(Personas.Typical));
            return response.Text;
        }

        Assert.Equal(await AskWithDefaultSeed(5), await AskWithDefaultSeed(5));
        Assert.NotEqual(await AskWithDefaultSeed(5), await AskWithDefaultSeed(6));
    }

    [Fact]
    public async Task Never_answers_with_nothing_whatever_the_prompt()
    {
        string[] awkward = ["", " ", "?", "...", "Hmm", "Anna: hi", new string('x', 5000), "Co myślisz o nowej aplikacji?"];
        foreach (var persona in Personas.Panel(25).Append(null))
        {
            foreach (var prompt in awkward.Concat(Prompts.All.Take(5)))
            {
                var text = await OfflineCalls.TextAsync(persona, prompt);
                Assert.False(string.IsNullOrWhiteSpace(text), $"empty answer for '{prompt}'");
                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Marks_its_output_as_offline_and_reports_token_usage()
    {
        var response = await OfflineCalls.AskAsync(Personas.Typical, Question);

        Assert.Equal(OfflineChatClient.ModelId, response.ModelId);
        Assert.Equal("offline", response.AdditionalProperties?[OfflineChatClient.ProviderKey]);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.Usage);
        Assert.Equal((long)Math.Ceiling(Question.Length / 4.0), response.Usage.InputTokenCount);
        Assert.Equal((long)Math.Ceiling(response.Text.Length / 4.0), response.Usage.OutputTokenCount);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.Equal("offline", OfflineCalls.Client.GetService<ChatClientMetadata>()?.ProviderName);
    }

    [Fact]
    public async Task A_panel_answering_one_question_does_not_sound_like_one_voice()
    {
        var answers = new List<string>();
        foreach (var persona in Personas.Panel(20))
        {
            answers.Add(await OfflineCalls.TextAsync(persona, Question));
        }

        var openings = answers.Select(a => a.Split('.', '!', '?')[0]).Distinct().Count();
        Assert.Equal(answers.Count, answers.Distinct().Count());
        Assert.True(openings >= 8, $"only {openings} distinct first sentences among 20 personas");
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_and_ends_with_usage()
    {
        var options = OfflineCalls.OptionsFor(Personas.Typical, 3);
        var whole = await OfflineCalls.Client.GetResponseAsync([new ChatMessage(ChatRole.User, Question)], options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in OfflineCalls.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, Question)], options))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 2);
        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
    }

    [Fact]
    public async Task Remembers_that_it_answered_before_and_names_others_it_reacts_to()
    {
        List<ChatMessage> conversation =
        [
            new(ChatRole.User, "What do you think about self-service checkouts?"),
            new(ChatRole.Assistant, "I like them, they are quick."),
            new(ChatRole.User, Prompts.WithEarlierAnswers("And what about paying by phone at those checkouts?")),
        ];
        var mentions = 0;
        var continuity = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var text = (await OfflineCalls.Client.GetResponseAsync(conversation, OfflineCalls.OptionsFor(Personas.Disagreeable, seed))).Text;
            mentions += new[] { "Maria", "Tom", "Ewa" }.Any(name => text.Contains(name, StringComparison.Ordinal)) ? 1 : 0;
            continuity += text.Contains("earlier", StringComparison.OrdinalIgnoreCase) || text.Contains("before", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        Assert.True(mentions >= 10, $"named another participant in only {mentions} of 20 answers");
        Assert.True(continuity >= 3, $"referred to its earlier answer in only {continuity} of 20 answers");
    }
}

using System.Text.Json;
using MarketResearch.AI;
using MarketResearch.AI.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Tests.Support;

/// <summary>Asks the offline simulator directly, the way product code would through the pipeline.</summary>
internal static class OfflineCalls
{
    public static OfflineChatClient Client { get; } = new(Options.Create(new LlmOptions()));

    public static ChatOptions OptionsFor(PersonaContext? persona, long seed, JsonElement? schema = null)
    {
        var options = new ChatOptions().WithSeed(seed);
        if (persona is not null)
        {
            options.WithPersona(persona);
        }

        if (schema is { } json)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(json, "answer");
        }

        return options;
    }

    public static async Task<ChatResponse> AskAsync(PersonaContext? persona, string prompt, long seed = 7, JsonElement? schema = null) =>
        await Client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], OptionsFor(persona, seed, schema));

    public static async Task<string> TextAsync(PersonaContext? persona, string prompt, long seed = 7) =>
        (await AskAsync(persona, prompt, seed)).Text;

    public static async Task<JsonElement> JsonAsync(PersonaContext? persona, string prompt, JsonElement schema, long seed = 7) =>
        JsonDocument.Parse((await AskAsync(persona, prompt, seed, schema)).Text).RootElement.Clone();

    /// <summary>Occurrences of any of the words (as substrings, case-insensitive) across the texts.</summary>
    public static int CountWords(IEnumerable<string> texts, params string[] words) =>
        texts.Sum(text => words.Sum(word => CountOf(text.ToLowerInvariant(), word)));

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var index = text.IndexOf(word, StringComparison.Ordinal); index >= 0; index = text.IndexOf(word, index + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

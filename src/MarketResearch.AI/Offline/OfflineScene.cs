using Microsoft.Extensions.AI;

namespace MarketResearch.AI.Offline;

/// <summary>Everything the simulator knows about one request, and the writers that speak from it.</summary>
internal sealed class OfflineScene
{
    private OfflineScene(PersonaContext? persona, ConversationReading reading, DeterministicRandom random)
    {
        Persona = persona;
        Reading = reading;
        Random = random;
        var speaker = persona ?? new PersonaContext();
        Disposition = PersonaDisposition.Of(speaker, reading, random.Fork("disposition"));
        Voice = new PersonaVoice(speaker, reading, Disposition, random.Fork("voice"));
        Profile = new ProfileWriter(speaker, reading, Disposition, random.Fork("profile"));
        Insights = new InsightWriter(reading, random.Fork("insights"));
    }

    /// <summary>Null when no persona was given: the simulator then speaks as the analyst.</summary>
    public PersonaContext? Persona { get; }

    public ConversationReading Reading { get; }

    public DeterministicRandom Random { get; }

    public PersonaDisposition Disposition { get; }

    public PersonaVoice Voice { get; }

    public ProfileWriter Profile { get; }

    public InsightWriter Insights { get; }

    /// <summary>Keys the randomness by seed, persona, every message and the requested format, and nothing else.</summary>
    public static OfflineScene For(IReadOnlyList<ChatMessage> messages, ChatOptions? options, long defaultSeed)
    {
        var persona = options.GetPersona();
        var seed = options.GetSeed() ?? defaultSeed;
        var format = options?.ResponseFormat is ChatResponseFormatJson json ? json.Schema?.GetRawText() ?? "json" : "text";
        var random = DeterministicRandom.For(
            seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            persona?.ToJson() ?? string.Empty,
            string.Join('\u001E', messages.Select(m => $"{m.Role.Value}:{m.Text}")),
            format);
        return new OfflineScene(persona, ConversationReading.Of(messages, persona?.Name), random);
    }

    /// <summary>The free-text reply: in character when a persona speaks, the analyst's summary otherwise.</summary>
    public string TextAnswer() => Persona is null ? Insights.Summary() : Voice.Answer();
}

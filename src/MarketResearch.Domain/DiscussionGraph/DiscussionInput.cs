namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>One focus group's discussion as the graph sees it: who said what, how they felt, whom they backed.</summary>
public sealed record DiscussionInput(Guid FocusGroupId, Guid ProjectId, string Locale, IReadOnlyList<DiscussionSpeaker> Speakers, IReadOnlyList<Utterance> Utterances);

/// <summary>A persona taking part, with the demographic values used for segment comparisons.</summary>
public sealed record DiscussionSpeaker(Guid PersonaId, string Name, IReadOnlyDictionary<string, string> Segments);

/// <summary>One answer. Sentiment is −1..1 when the answer carries one (the model's or the lexicon's).</summary>
public sealed record Utterance(
    Guid PersonaId,
    int QuestionIndex,
    string Text,
    double? Sentiment,
    IReadOnlyList<Guid> AgreesWith,
    IReadOnlyList<Guid> DisagreesWith);

namespace MarketResearch.Worker.FocusGroups;

/// <summary>A turn as the moderator keeps it while the discussion runs; saved as a FocusGroupTurn at the end.</summary>
internal sealed record DiscussionTurn(
    int Sequence,
    int QuestionIndex,
    int Round,
    FocusGroupParticipant? Speaker,
    string Text,
    double? Sentiment,
    double? ModelSentiment,
    double? LexiconSentiment,
    IReadOnlyList<Guid> AgreesWith,
    IReadOnlyList<Guid> DisagreesWith,
    DateTimeOffset CreatedAt)
{
    public float[]? Embedding { get; set; }

    public string SpeakerName => Speaker?.Name ?? "Moderator";

    /// <summary>The live "turn" event: what a client needs to render the line as it arrives.</summary>
    public object ToEvent() => new
    {
        sequence = Sequence,
        questionIndex = QuestionIndex,
        round = Round,
        speakerPersonaId = Speaker?.Id,
        speakerName = SpeakerName,
        text = Text,
        sentiment = Sentiment,
        agreesWith = AgreesWith,
        disagreesWith = DisagreesWith,
    };
}

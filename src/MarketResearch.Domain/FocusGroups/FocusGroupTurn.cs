namespace MarketResearch.Domain.FocusGroups;

/// <summary>
/// One line of a transcript. Speakers and the people they agree or disagree with are persona ids, so the
/// discussion graph (who supports or criticises whom, on which question) is a projection of these rows.
/// (JobId, Sequence) is unique: a re-run of the same job replaces its turns.
/// </summary>
public sealed class FocusGroupTurn
{
    public Guid Id { get; set; }
    public Guid FocusGroupId { get; set; }
    public Guid JobId { get; set; }

    /// <summary>Position in the transcript of this run, from 0.</summary>
    public int Sequence { get; set; }
    public int QuestionIndex { get; set; }
    public int Round { get; set; }

    /// <summary>Null when the moderator speaks.</summary>
    public Guid? SpeakerPersonaId { get; set; }
    public string SpeakerName { get; set; } = string.Empty;
    public string Text { get; set; } = string.Empty;

    /// <summary>The combined score in [-1, 1] (see <see cref="Analysis.SentimentBlend"/>); null for the moderator.</summary>
    public double? Sentiment { get; set; }
    public double? ModelSentiment { get; set; }
    public double? LexiconSentiment { get; set; }
    public List<Guid> AgreesWith { get; set; } = [];
    public List<Guid> DisagreesWith { get; set; } = [];

    /// <summary>The answer's sentence embedding: clustering and a later graph reuse it without recomputing.</summary>
    public float[]? Embedding { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Rounds of a question: everyone answers, then the moderator may probe.</summary>
public static class FocusGroupRounds
{
    public const int Answer = 0;
    public const int FollowUp = 1;
}

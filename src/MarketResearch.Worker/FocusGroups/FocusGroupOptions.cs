using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>How the moderator runs a discussion (section Worker:FocusGroups).</summary>
public sealed class FocusGroupOptions
{
    public const string Section = "Worker:FocusGroups";

    /// <summary>Personas answering at once; the AI layer's per-provider limit still applies below it.</summary>
    [Range(1, 256)]
    public int AnswerConcurrency { get; set; } = 32;

    /// <summary>Other participants' lines from the latest round shown to each persona.</summary>
    [Range(0, 50)]
    public int DigestStatements { get; set; } = 6;

    /// <summary>Each digest line is cut to this many characters.</summary>
    [Range(40, 2000)]
    public int DigestStatementChars { get; set; } = 220;

    /// <summary>Own earlier answers recalled, ranked by embedding similarity to the question.</summary>
    [Range(0, 20)]
    public int MemoryAnswers { get; set; } = 3;

    /// <summary>Participants the moderator's follow-up is put to: those furthest from the group's mean sentiment.</summary>
    [Range(1, 200)]
    public int FollowUpParticipants { get; set; } = 6;

    /// <summary>Weight of the model's own sentiment against the lexicon score of the words (see SentimentBlend).</summary>
    [Range(0.0, 1.0)]
    public double ModelSentimentWeight { get; set; } = 0.6;

    [Range(1, 10)]
    public int MaxClusters { get; set; } = 3;

    /// <summary>Below this silhouette a split into camps is not believed and the answers count as one cluster.</summary>
    [Range(0.0, 1.0)]
    public double MinSilhouette { get; set; } = 0.25;

    /// <summary>Transcript lines per question given to the insights prompt (a sample keeps it inside a context window).</summary>
    [Range(1, 200)]
    public int InsightExcerptsPerQuestion { get; set; } = 12;

    [Range(40, 4000)]
    public int InsightExcerptChars { get; set; } = 300;

    /// <summary>
    /// Personas in the focus group the worker rehearses when it starts (offline simulator, nothing saved), so its first
    /// run finds that code compiled. 0 turns the rehearsal off.
    /// </summary>
    [Range(0, 200)]
    public int WarmUpParticipants { get; set; } = 6;
}

using System.Text.Json;
using MarketResearch.Web.Jobs;

namespace MarketResearch.Web.FocusGroups;

/// <summary>
/// The transcript as the page shows it while a run goes on: the saved turns, plus the run's "turn" events as they
/// arrive. Turns are keyed by sequence, so a stream replayed after a reconnect adds none twice; a new attempt of the
/// job (runs are at-least-once) starts afresh, as the Worker then discards the earlier attempt's turns.
/// </summary>
public sealed class LiveTranscript
{
    public const string TurnEvent = "turn";
    private const string StatusEvent = "status";
    private readonly SortedDictionary<int, TranscriptTurn> _turns = [];
    private int? _attempt;

    public IReadOnlyList<TranscriptTurn> Turns { get; private set; } = [];

    /// <summary>Replaces what is shown with the saved transcript (on load and when the run finishes).</summary>
    public void Load(IEnumerable<TranscriptTurn> saved)
    {
        _turns.Clear();
        foreach (var turn in saved)
        {
            _turns[turn.Sequence] = turn;
        }

        Turns = [.. _turns.Values];
    }

    /// <summary>Starts an empty transcript for a run just started.</summary>
    public void Restart()
    {
        _attempt = null;
        Load([]);
    }

    /// <summary>Applies one event of the job's stream; true when the transcript changed.</summary>
    public bool Apply(JobStreamEvent streamed)
    {
        if (streamed.Type == StatusEvent)
        {
            return ApplyStatus(streamed.Data);
        }

        if (streamed.Type != TurnEvent || streamed.Data.ValueKind != JsonValueKind.Object
            || streamed.Data.Deserialize<TranscriptTurn>(JsonSerializerOptions.Web) is not { Text: not null, SpeakerName: not null } turn)
        {
            return false;
        }

        if (_turns.TryGetValue(turn.Sequence, out var known) && known.Text == turn.Text && known.SpeakerName == turn.SpeakerName)
        {
            return false;
        }

        _turns[turn.Sequence] = turn with { AgreesWith = turn.AgreesWith ?? [], DisagreesWith = turn.DisagreesWith ?? [] };
        Turns = [.. _turns.Values];
        return true;
    }

    private bool ApplyStatus(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("attempt", out var value) || !value.TryGetInt32(out var attempt)
            || !data.TryGetProperty("status", out var status) || status.GetString() != "Running")
        {
            return false;
        }

        var retried = _attempt is { } earlier && attempt > earlier;
        _attempt = attempt;
        if (!retried || _turns.Count == 0)
        {
            return false;
        }

        Load([]);
        return true;
    }
}

using System.Text.Json;
using MarketResearch.Web.FocusGroups;
using MarketResearch.Web.Jobs;

namespace MarketResearch.UnitTests.Web;

public sealed class LiveTranscriptTests
{
    private static JobStreamEvent Turn(int sequence, string text, int questionIndex = 0) => new("turn", JsonSerializer.SerializeToElement(new
    {
        sequence,
        questionIndex,
        round = 0,
        speakerPersonaId = Guid.NewGuid(),
        speakerName = $"Speaker {sequence}",
        text,
        sentiment = 0.25,
        agreesWith = Array.Empty<Guid>(),
        disagreesWith = Array.Empty<Guid>(),
    }, JsonSerializerOptions.Web));

    private static JobStreamEvent Running(int attempt) =>
        new("status", JsonSerializer.SerializeToElement(new { status = "Running", attempt }, JsonSerializerOptions.Web));

    [Fact]
    public void Turns_arriving_out_of_order_read_in_speaking_order()
    {
        var transcript = new LiveTranscript();
        Assert.True(transcript.Apply(Turn(2, "second")));
        Assert.True(transcript.Apply(Turn(1, "first")));
        Assert.True(transcript.Apply(Turn(3, "third", questionIndex: 1)));

        Assert.Equal(["first", "second", "third"], transcript.Turns.Select(turn => turn.Text));
        Assert.Equal(0.25, transcript.Turns[0].Sentiment);
        Assert.Equal("Speaker 1", transcript.Turns[0].SpeakerName);
    }

    [Fact]
    public void A_stream_replayed_after_a_reconnect_adds_no_turn_twice()
    {
        var transcript = new LiveTranscript();
        transcript.Apply(Running(1));
        transcript.Apply(Turn(1, "first"));
        transcript.Apply(Turn(2, "second"));

        // A new circuit replays the stream from its start: the same status and turns again.
        Assert.False(transcript.Apply(Running(1)));
        Assert.False(transcript.Apply(Turn(1, "first")));
        Assert.False(transcript.Apply(Turn(2, "second")));
        Assert.True(transcript.Apply(Turn(3, "third")));
        Assert.Equal([1, 2, 3], transcript.Turns.Select(turn => turn.Sequence));
    }

    [Fact]
    public void A_retried_attempt_replaces_the_earlier_attempts_turns()
    {
        var transcript = new LiveTranscript();
        transcript.Apply(Running(1));
        transcript.Apply(Turn(1, "lost"));
        transcript.Apply(Turn(2, "lost too"));

        Assert.True(transcript.Apply(Running(2)));
        Assert.Empty(transcript.Turns);
        transcript.Apply(Turn(1, "kept"));
        Assert.Equal(["kept"], transcript.Turns.Select(turn => turn.Text));
    }

    [Fact]
    public void The_saved_transcript_replaces_the_live_one_and_other_events_change_nothing()
    {
        var transcript = new LiveTranscript();
        transcript.Apply(Turn(1, "live"));
        Assert.False(transcript.Apply(new JobStreamEvent("progress", JsonSerializer.SerializeToElement(new { progress = 0.5, message = "half" }))));
        Assert.False(transcript.Apply(new JobStreamEvent("turn", JsonSerializer.SerializeToElement(new { sequence = 9 }))));

        transcript.Load([new TranscriptTurn(1, 0, 0, null, "Moderator", "saved", null, [], [], DateTimeOffset.UnixEpoch)]);
        Assert.Equal(["saved"], transcript.Turns.Select(turn => turn.Text));
        transcript.Restart();
        Assert.Empty(transcript.Turns);
    }
}

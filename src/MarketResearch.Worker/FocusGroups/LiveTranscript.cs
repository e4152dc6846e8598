using MarketResearch.Worker.Jobs;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>Where a discussion is heard as it happens: each turn as it is spoken, and the progress, in that order.</summary>
internal interface ILiveTranscript
{
    void Spoken(DiscussionTurn turn);

    void Progress(double fraction, string message);
}

/// <summary>The job's live events, written in order without holding the discussion up.</summary>
internal sealed class LiveTranscript(JobEventWriter events) : ILiveTranscript
{
    public void Spoken(DiscussionTurn turn) => events.Publish("turn", turn.ToEvent);

    public void Progress(double fraction, string message) => events.Progress(fraction, message);
}

using System.Globalization;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>
/// What a participant is told of the discussion so far, kept compact so a 200-person group still fits a prompt:
/// one line per earlier question (the group's mood), and a few other participants' latest lines by name, a
/// different few for each participant so that the whole round gets heard.
/// </summary>
internal static class DiscussionDigest
{
    public static string Earlier(IReadOnlyList<string> questions, IReadOnlyList<DiscussionTurn> turns, int currentQuestion) =>
        string.Join('\n', Enumerable.Range(0, currentQuestion).Select(index =>
        {
            var moods = turns.Where(turn => turn.QuestionIndex == index && turn.Speaker is not null && turn.Sentiment is not null)
                .Select(turn => turn.Sentiment!.Value).ToList();
            var mood = moods.Count == 0 ? 0 : moods.Average();
            return string.Create(CultureInfo.InvariantCulture, $"- on \"{questions[index]}\" the group's mood was {Describe(mood)} ({mood:0.00}).");
        }));

    public static string Recent(IReadOnlyList<DiscussionTurn> latestRound, FocusGroupParticipant self, int selfPosition, int count, int maxChars)
    {
        var others = latestRound.Where(turn => turn.Speaker is not null && turn.Speaker.Id != self.Id).ToList();
        if (others.Count == 0 || count == 0)
        {
            return string.Empty;
        }

        var lines = new List<string>();
        for (var i = 0; i < Math.Min(count, others.Count); i++)
        {
            var turn = others[(selfPosition + i) % others.Count];
            lines.Add($"{turn.SpeakerName}: {Shorten(turn.Text, maxChars)}");
        }

        return string.Join('\n', lines);
    }

    public static string Shorten(string text, int maxChars)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= maxChars ? flat : flat[..maxChars].TrimEnd() + "…";
    }

    private static string Describe(double mood) => mood switch
    {
        > 0.2 => "positive",
        < -0.2 => "negative",
        _ => "mixed",
    };
}

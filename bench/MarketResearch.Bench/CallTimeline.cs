using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MarketResearch.Bench;

/// <summary>
/// Where a job's time went, from the model server's own clock: calls grouped into waves (a wave starts when a call
/// begins after every earlier call has ended), the gaps between waves, and the job's queue and finish times.
/// </summary>
internal static class CallTimeline
{
    /// <summary>
    /// The most calls that ran one after another (none overlapping): the calls on the critical path. Earliest-end
    /// greedy gives the longest such chain.
    /// </summary>
    public static int CriticalPathCalls(IReadOnlyList<ModelCall> calls)
    {
        var chain = 0;
        var free = DateTimeOffset.MinValue;
        foreach (var call in calls.OrderBy(call => call.End))
        {
            if (call.Start >= free)
            {
                chain++;
                free = call.End;
            }
        }

        return chain;
    }

    public static string Describe(IReadOnlyList<ModelCall> calls, JsonElement job, DateTimeOffset requested, DateTimeOffset observed)
    {
        var created = job.GetProperty("createdAt").GetDateTimeOffset();
        var started = job.GetProperty("startedAt").GetDateTimeOffset();
        var finished = job.GetProperty("finishedAt").GetDateTimeOffset();
        var text = new StringBuilder();
        Line(text, $"  request → job created {Ms(created - requested)}, created → claimed {Ms(started - created)}");
        var previousEnd = started;
        if (calls.Count == 0)
        {
            return text.ToString().TrimEnd();
        }

        var wave = new List<ModelCall>();
        foreach (var call in calls.OrderBy(call => call.Start).Append(null))
        {
            if (call is not null && (wave.Count == 0 || call.Start < wave.Max(member => member.End)))
            {
                wave.Add(call);
                continue;
            }

            var start = wave.Min(member => member.Start);
            var end = wave.Max(member => member.End);
            var kinds = string.Join(", ", wave.GroupBy(member => member.Schema + (member.Retry ? " (retry)" : string.Empty)).Select(kind => $"{kind.Count()} {kind.Key}"));
            // A wave longer than one call is calls sent late or answered late: how far apart its starts and its ends were.
            var spread = $"starts over {Ms(wave.Max(member => member.Start) - start)}, ends over {Ms(end - wave.Min(member => member.End))}";
            Line(text, $"  +{Ms(start - started),8} wave of {kinds}: {Ms(end - start)} (gap before it {Ms(start - previousEnd)}; {spread})");
            previousEnd = end;
            wave = call is null ? [] : [call];
        }

        foreach (var invalid in calls.Where(call => call.Invalid is not null).GroupBy(call => (call.Schema, call.Invalid)))
        {
            Line(text, $"  {invalid.Count()} {invalid.Key.Schema} replies did not fit the schema: {invalid.Key.Invalid}");
        }

        Line(text, $"  last call → job finished {Ms(finished - previousEnd)}, finished → seen by the client {Ms(observed - finished)}");
        return text.ToString().TrimEnd();
    }

    private static string Ms(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms");

    private static void Line(StringBuilder text, string line) => text.AppendLine(line);
}

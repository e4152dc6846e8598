using System.Diagnostics;
using System.Globalization;

namespace MarketResearch.Api.Identity;

/// <summary>
/// Wall milliseconds of each stage of one sign-in, sent as a Server-Timing header on a successful login (only then:
/// refusals must not differ in anything an observer can read) so the bench can tell where a login's time goes.
/// </summary>
internal sealed class SignInTimings
{
    private readonly List<(string Stage, double Milliseconds)> _stages = [];

    /// <summary>Runs <paramref name="stage"/> and records how long it took under <paramref name="name"/>.</summary>
    public async Task<T> TimeAsync<T>(string name, Func<Task<T>> stage)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await stage();
        }
        finally
        {
            _stages.Add((name, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
    }

    public async Task TimeAsync(string name, Func<Task> stage) => await TimeAsync(name, async () =>
    {
        await stage();
        return true;
    });

    /// <summary>The Server-Timing header value, e.g. <c>limits;dur=0.4, lookup;dur=1.2, hash;dur=9.8</c>.</summary>
    public string ToServerTiming() =>
        string.Join(", ", _stages.Select(stage => string.Create(CultureInfo.InvariantCulture, $"{stage.Stage};dur={stage.Milliseconds:0.00}")));
}

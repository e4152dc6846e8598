using System.Globalization;

namespace MarketResearch.Bench;

/// <summary>The stages the API reports in a Server-Timing header, e.g. <c>limits;dur=0.41, hash;dur=9.80</c>.</summary>
internal static class ServerTiming
{
    public static IEnumerable<(string Stage, double Milliseconds)> Stages(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            yield break;
        }

        foreach (var entry in values.SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = entry.Split(";dur=");
            if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            {
                yield return (parts[0], milliseconds);
            }
        }
    }
}

using System.Globalization;

namespace MarketResearch.IntegrationTests;

/// <summary>Reads samples of one metric from a service's /metrics text (Prometheus exposition format).</summary>
internal static class PrometheusText
{
    /// <summary>Each sample of <paramref name="name"/>: its label text (without braces, empty when it has none) and value.</summary>
    public static IEnumerable<(string Labels, double Value)> Samples(string exposition, string name)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || line[name.Length] is not (' ' or '{'))
            {
                continue;
            }

            var rest = line[name.Length..];
            var labels = string.Empty;
            if (rest[0] == '{')
            {
                var end = rest.IndexOf('}', StringComparison.Ordinal);
                labels = rest[1..end];
                rest = rest[(end + 1)..];
            }

            yield return (labels, double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The value of one label in a sample's label text (<c>purpose="register",…</c>), or null.</summary>
    public static string? Label(string labels, string label)
    {
        var prefix = $"{label}=\"";
        var start = labels.IndexOf(prefix, StringComparison.Ordinal);
        return start < 0 ? null : labels[(start + prefix.Length)..labels.IndexOf('"', start + prefix.Length)];
    }
}

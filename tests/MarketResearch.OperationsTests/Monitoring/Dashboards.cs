using System.Text.Json;

namespace MarketResearch.OperationsTests.Monitoring;

/// <summary>The provisioned Grafana dashboards and the queries of their panels.</summary>
internal static class Dashboards
{
    public static string Folder { get; } = Infrastructure.Repository.Monitoring("grafana", "dashboards");

    public static IEnumerable<string> Files() => Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal);

    public static JsonElement Load(string fileName) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, fileName))).RootElement;

    /// <summary>Every panel, including those nested in collapsed rows.</summary>
    public static IEnumerable<JsonElement> Panels(JsonElement container)
    {
        if (!container.TryGetProperty("panels", out var panels))
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var nested in Panels(panel))
            {
                yield return nested;
            }
        }
    }

    public static IEnumerable<JsonElement> Targets(JsonElement panel) =>
        panel.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : [];

    public static string Title(JsonElement element) =>
        element.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";

    /// <summary>Grafana's built-in variables, replaced by what they stand for so promtool can parse the query.</summary>
    public static string WithVariablesResolved(string expression) => expression
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("$__interval", "15s", StringComparison.Ordinal)
        .Replace("$__range", "6h", StringComparison.Ordinal);
}

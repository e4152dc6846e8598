namespace MarketResearch.Web.Exports;

/// <summary>The export formats the API offers, as the export page lists them.</summary>
public static class ExportFormatChoice
{
    public sealed record Format(string Key, string Title, string Description);

    public static IReadOnlyList<Format> All { get; } =
    [
        new("json", "JSON", "Everything in one document: personas, transcripts and results, for other tools."),
        new("csv", "CSV (zip)", "One table per kind of record in a zip, for spreadsheets."),
        new("md", "Markdown report", "A readable report of the project's findings."),
    ];

    public static bool IsKnown(string? key) => All.Any(format => format.Key == key);

    public static string DownloadPath(Guid projectId, string key) => $"/projects/{projectId}/export/download?format={key}";

    public static string ApiPath(Guid projectId, string key) => $"/api/v1/projects/{projectId}/export?format={Uri.EscapeDataString(key)}";
}

namespace MarketResearch.Api.Exports;

internal enum ExportFormat
{
    Json,
    Csv,
    Markdown,
}

internal static class ExportFormats
{
    public static readonly string[] Names = ["json", "csv", "md"];

    /// <summary>JSON when the caller names no format: the most complete one.</summary>
    public static bool TryParse(string? value, out ExportFormat format)
    {
        format = value?.Trim().ToLowerInvariant() switch
        {
            null or "" or "json" => ExportFormat.Json,
            "csv" => ExportFormat.Csv,
            "md" or "markdown" => ExportFormat.Markdown,
            _ => (ExportFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Json => "application/json; charset=utf-8",
        ExportFormat.Csv => "application/zip",
        _ => "text/markdown; charset=utf-8",
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Json => "json",
        ExportFormat.Csv => "zip",
        _ => "md",
    };
}

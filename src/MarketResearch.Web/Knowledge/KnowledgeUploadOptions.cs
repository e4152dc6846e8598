using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Web.Knowledge;

/// <summary>
/// Bound from the same "Knowledge" section the API reads, so one Knowledge:MaxUploadBytes setting caps the upload in
/// the browser and in the API; the API still enforces its own limit (413) if the two ever differ.
/// </summary>
public sealed class KnowledgeUploadOptions
{
    public const string Section = "Knowledge";

    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How often the documents list is refreshed while an upload is still being ingested.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What the file picker offers; the API decides by content, not by extension.</summary>
    public string Accept { get; set; } = ".pdf,.docx,.txt,.md";
}

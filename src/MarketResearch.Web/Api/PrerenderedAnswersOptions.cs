using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Web.Api;

public sealed class PrerenderedAnswersOptions
{
    public const string Section = "PrerenderedAnswers";

    /// <summary>
    /// The most the answers may weigh compressed. The browser sends them back when the circuit starts, in a SignalR message
    /// that must stay under the hub's 32 KiB limit after two base64 passes and data protection (about 2.4 times this).
    /// </summary>
    [Range(0, 12 * 1024)]
    public int MaxCompressedBytes { get; set; } = 10 * 1024;

    /// <summary>How long after the circuit starts an answer may still stand in for a read: the first render, not later work.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(10);
}

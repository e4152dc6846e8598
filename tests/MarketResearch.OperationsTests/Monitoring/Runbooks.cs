using System.Text;

namespace MarketResearch.OperationsTests.Monitoring;

/// <summary>The runbook document alerts point to, and the anchors its headings produce on GitHub.</summary>
internal static class Runbooks
{
    public const string Document = "docs/operations.md";

    public static IReadOnlySet<string> Anchors()
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCodeBlock = false;
        foreach (var line in File.ReadLines(Infrastructure.Repository.PathOf(Document)))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCodeBlock = !inCodeBlock;
            }
            else if (!inCodeBlock && line.StartsWith('#'))
            {
                anchors.Add(Slug(line.TrimStart('#')));
            }
        }

        return anchors;
    }

    /// <summary>GitHub's rule: lower case, punctuation dropped, spaces become hyphens.</summary>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (var character in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(character) || character is '-' or '_')
            {
                slug.Append(character);
            }
            else if (character == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }
}

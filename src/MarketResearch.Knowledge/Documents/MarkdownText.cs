using System.Text;

namespace MarketResearch.Knowledge.Documents;

/// <summary>Plain text and Markdown into blocks: blank lines end paragraphs; ATX and setext headings (Markdown only).</summary>
public static class MarkdownText
{
    private const int MaxHeadingLevel = 6;

    /// <summary>1–6 for an ATX heading line ("## Title"), 0 otherwise.</summary>
    public static int HeadingLevel(string line)
    {
        var trimmed = line.TrimStart();
        var level = 0;
        while (level < trimmed.Length && trimmed[level] == '#')
        {
            level++;
        }

        return level is > 0 and <= MaxHeadingLevel && level < trimmed.Length && trimmed[level] == ' ' ? level : 0;
    }

    public static ExtractedText Read(string text, bool markdown)
    {
        var blocks = new List<TextBlock>();
        var paragraph = new StringBuilder();
        var inFence = false;

        void Flush()
        {
            var value = paragraph.ToString().Trim();
            if (value.Length > 0)
            {
                blocks.Add(TextBlock.Paragraph(value));
            }

            paragraph.Clear();
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (markdown && line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (markdown && !inFence && HeadingLevel(line) is var level and > 0)
            {
                Flush();
                blocks.Add(TextBlock.Heading(line.TrimStart().TrimStart('#').Trim().TrimEnd('#').Trim(), level));
                continue;
            }

            if (markdown && !inFence && paragraph.Length > 0 && !paragraph.ToString().Contains('\n') && IsSetextUnderline(line))
            {
                var title = paragraph.ToString().Trim();
                paragraph.Clear();
                blocks.Add(TextBlock.Heading(title, line.TrimStart()[0] == '=' ? 1 : 2));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line) && !inFence)
            {
                Flush();
                continue;
            }

            if (paragraph.Length > 0)
            {
                paragraph.Append(inFence ? '\n' : ' ');
            }

            paragraph.Append(inFence ? line : line.Trim());
        }

        Flush();
        return new ExtractedText(blocks, PageCount: null);
    }

    private static bool IsSetextUnderline(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= 3 && (trimmed.All(character => character == '=') || trimmed.All(character => character == '-'));
    }
}

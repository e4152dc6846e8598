using System.Text;

namespace MarketResearch.Api.Exports;

/// <summary>Markdown blocks with user and model text escaped, so an answer cannot inject headings, links or HTML.</summary>
internal sealed class MarkdownWriter(TextWriter writer)
{
    public void Heading(int level, string text)
    {
        writer.Write(new string('#', level));
        writer.Write(' ');
        writer.Write(Escape(OneLine(text)));
        writer.Write("\n\n");
    }

    public void Paragraph(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        writer.Write(Escape(text.Trim()));
        writer.Write("\n\n");
    }

    /// <summary>An italic line, e.g. the report's footer.</summary>
    public void Note(string text) => writer.Write($"_{Escape(OneLine(text))}_\n");

    public void Bullets(string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        writer.Write($"**{Escape(title)}:**\n\n");
        foreach (var item in items)
        {
            writer.Write("- ");
            writer.Write(Escape(OneLine(item)));
            writer.Write('\n');
        }

        writer.Write('\n');
    }

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        writer.Write("| " + string.Join(" | ", headers.Select(Cell)) + " |\n");
        writer.Write("|" + string.Concat(Enumerable.Repeat(" --- |", headers.Count)) + "\n");
        foreach (var row in rows)
        {
            writer.Write("| " + string.Join(" | ", row.Select(Cell)) + " |\n");
        }

        writer.Write('\n');
    }

    private static string Cell(string text) => Escape(OneLine(text)).Replace("|", "\\|", StringComparison.Ordinal);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>Backslash-escapes Markdown punctuation and neutralises raw HTML.</summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var character in text)
        {
            switch (character)
            {
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!' or '|':
                    escaped.Append('\\').Append(character);
                    break;
                default:
                    escaped.Append(character);
                    break;
            }
        }

        return escaped.ToString();
    }
}

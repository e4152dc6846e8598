using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MarketResearch.Knowledge.Documents;

/// <summary>DOCX text with the Open XML SDK: body paragraphs in order; heading styles (by name or outline level) become headings.</summary>
public static class DocxText
{
    public const string MainPart = "word/document.xml";
    private const int MaxHeadingLevel = 9;

    public static ExtractedText Read(byte[] bytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(stream, isEditable: false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new DocumentRejectedException(DocumentRejection.Unreadable($"The Word document is damaged: {exception.Message}"));
        }

        using (document)
        {
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new DocumentRejectedException(DocumentRejection.Unreadable("The Word document has no body."));
            var headingLevels = HeadingLevelsByStyleId(document.MainDocumentPart!.StyleDefinitionsPart);
            var blocks = new List<TextBlock>();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = TextOf(paragraph);
                if (text.Length == 0)
                {
                    continue;
                }

                var level = LevelOf(paragraph, headingLevels);
                blocks.Add(level > 0 ? TextBlock.Heading(text, level) : TextBlock.Paragraph(text));
            }

            return new ExtractedText(blocks, PageCount: null);
        }
    }

    private static string TextOf(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text run:
                    text.Append(run.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString().Trim();
    }

    private static int LevelOf(Paragraph paragraph, Dictionary<string, int> headingLevels)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline && outline < MaxHeadingLevel)
        {
            return outline + 1;
        }

        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        if (styleId is null)
        {
            return 0;
        }

        if (headingLevels.TryGetValue(styleId, out var level))
        {
            return level;
        }

        // Documents without a styles part still use Word's built-in ids.
        return styleId == "Title" ? 1 : ParseHeading(styleId);
    }

    /// <summary>Style id → heading level, from the style's name ("heading 2", "Title") or its outline level.</summary>
    private static Dictionary<string, int> HeadingLevelsByStyleId(StyleDefinitionsPart? styles)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var style in styles?.Styles?.Elements<Style>() ?? [])
        {
            var id = style.StyleId?.Value;
            if (id is null)
            {
                continue;
            }

            var name = style.StyleName?.Val?.Value ?? string.Empty;
            var level = style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < MaxHeadingLevel
                ? outline + 1
                : name.Equals("Title", StringComparison.OrdinalIgnoreCase) ? 1 : ParseHeading(name.Replace(" ", string.Empty, StringComparison.Ordinal));
            if (level > 0)
            {
                levels[id] = level;
            }
        }

        return levels;
    }

    private static int ParseHeading(string name) =>
        name.StartsWith("heading", StringComparison.OrdinalIgnoreCase) && int.TryParse(name.AsSpan("heading".Length), out var level) && level is > 0 and <= MaxHeadingLevel
            ? level
            : 0;
}

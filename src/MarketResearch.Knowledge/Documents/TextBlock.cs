namespace MarketResearch.Knowledge.Documents;

/// <summary>
/// A unit of extracted text in reading order: a heading (level ≥ 1) or a paragraph (level 0), with the page it is
/// on where the format has pages.
/// </summary>
public sealed record TextBlock(string Text, int HeadingLevel = 0, int? Page = null)
{
    public bool IsHeading => HeadingLevel > 0;

    public static TextBlock Heading(string text, int level) => new(text, level);

    public static TextBlock Paragraph(string text, int? page = null) => new(text, 0, page);
}

/// <summary>Everything read from a document: blocks in order, and its page count where it has pages.</summary>
public sealed record ExtractedText(IReadOnlyList<TextBlock> Blocks, int? PageCount);

using MarketResearch.Domain.Knowledge;
using MarketResearch.Knowledge.Documents;
using MarketResearch.Tests.Knowledge;

namespace MarketResearch.UnitTests.Knowledge;

public sealed class TextExtractionTests
{
    [Fact]
    public void Pdf_paragraphs_carry_their_page_numbers()
    {
        var pdf = DocumentFixtures.Pdf([["Oat milk is popular with parents."], ["Price matters most in rural areas."], ["Packaging should be recyclable."]]);

        var text = DocumentReader.Read(DocumentKind.Pdf, pdf, CancellationToken.None);

        Assert.Equal(3, text.PageCount);
        Assert.Equal(1, text.Blocks.Single(block => block.Text.Contains("parents", StringComparison.Ordinal)).Page);
        Assert.Equal(2, text.Blocks.Single(block => block.Text.Contains("rural", StringComparison.Ordinal)).Page);
        Assert.Equal(3, text.Blocks.Single(block => block.Text.Contains("recyclable", StringComparison.Ordinal)).Page);
    }

    [Fact]
    public void A_long_pdf_read_in_parallel_page_ranges_keeps_every_paragraph_in_page_order()
    {
        // 37 pages: enough for a range per core, and not a multiple of two, so the ranges are uneven.
        var pages = Enumerable.Range(1, 37).Select(page => (IReadOnlyList<string>)[$"Page {page} opening remark.", $"Page {page} closing remark."]).ToList();

        var text = DocumentReader.Read(DocumentKind.Pdf, DocumentFixtures.Pdf(pages), CancellationToken.None);

        Assert.Equal(37, text.PageCount);
        var expected = Enumerable.Range(1, 37).SelectMany(page => new[] { (page, $"Page {page} opening remark."), (page, $"Page {page} closing remark.") });
        Assert.Equal(expected, text.Blocks.Select(block => (block.Page ?? 0, block.Text)));
    }

    [Fact]
    public void Docx_heading_styles_become_headings_with_their_level()
    {
        var docx = DocumentFixtures.Docx([("Heading1", "Findings"), (null, "Parents buy oat milk weekly."), ("Heading2", "Prices"), (null, "Too expensive.")]);

        var blocks = DocumentReader.Read(DocumentKind.Docx, docx, CancellationToken.None).Blocks;

        Assert.Equal([(1, "Findings"), (0, "Parents buy oat milk weekly."), (2, "Prices"), (0, "Too expensive.")],
            blocks.Select(block => (block.HeadingLevel, block.Text)));
    }

    [Fact]
    public void Markdown_headings_and_paragraphs_are_separated_and_plain_text_keeps_hashes()
    {
        var markdown = "# Survey\n\nFirst line\ncontinues here.\n\n## Method\nSecond paragraph.\n\nSetext\n------\nThird."u8.ToArray();

        var blocks = DocumentReader.Read(DocumentKind.Markdown, markdown, CancellationToken.None).Blocks;
        var plain = DocumentReader.Read(DocumentKind.Text, "# not a heading\n\nBody"u8.ToArray(), CancellationToken.None).Blocks;

        Assert.Equal([(1, "Survey"), (0, "First line continues here."), (2, "Method"), (0, "Second paragraph."), (2, "Setext"), (0, "Third.")],
            blocks.Select(block => (block.HeadingLevel, block.Text)));
        Assert.All(plain, block => Assert.False(block.IsHeading));
    }
}

using MarketResearch.Knowledge.Chunking;
using MarketResearch.Knowledge.Documents;

namespace MarketResearch.UnitTests.Knowledge;

public sealed class DocumentChunkerTests
{
    private const int Target = 200;
    private const int Overlap = 40;

    [Fact]
    public void A_heading_starts_a_new_chunk_and_names_its_section_path()
    {
        TextBlock[] blocks =
        [
            TextBlock.Heading("Report", 1), TextBlock.Paragraph("Intro."),
            TextBlock.Heading("Prices", 2), TextBlock.Paragraph("Too high."),
            TextBlock.Heading("Rural", 3), TextBlock.Paragraph("Even higher."),
            TextBlock.Heading("Packaging", 2), TextBlock.Paragraph("Recyclable."),
        ];

        var chunks = DocumentChunker.Chunk(blocks, Target, Overlap);

        Assert.Equal(["Intro.", "Too high.", "Even higher.", "Recyclable."], chunks.Select(chunk => chunk.Text));
        Assert.Equal(["Report", "Report > Prices", "Report > Prices > Rural", "Report > Packaging"], chunks.Select(chunk => chunk.Section));
        Assert.Equal([0, 1, 2, 3], chunks.Select(chunk => chunk.Ordinal));
    }

    [Fact]
    public void Short_paragraphs_share_a_chunk_and_are_never_cut()
    {
        var paragraphs = Enumerable.Range(0, 12).Select(index => $"Paragraph number {index} says something short.").ToList();

        var chunks = DocumentChunker.Chunk(paragraphs.Select(text => TextBlock.Paragraph(text)).ToList(), Target, Overlap);

        Assert.True(chunks.Count > 1);
        Assert.All(paragraphs, paragraph => Assert.Contains(chunks, chunk => chunk.Text.Contains(paragraph, StringComparison.Ordinal)));
        Assert.All(chunks, chunk => Assert.True(chunk.Text.Length <= Target + Overlap + 2, $"{chunk.Text.Length} characters"));
    }

    [Fact]
    public void Consecutive_chunks_of_a_section_overlap_but_chunks_across_headings_do_not()
    {
        var words = string.Join(' ', Enumerable.Range(0, 120).Select(index => $"w{index}."));
        TextBlock[] blocks = [TextBlock.Paragraph(words), TextBlock.Heading("Next", 1), TextBlock.Paragraph("Fresh start.")];

        var chunks = DocumentChunker.Chunk(blocks, Target, Overlap);

        for (var index = 1; index < chunks.Count - 1; index++)
        {
            var previousTail = chunks[index - 1].Text[^10..];
            Assert.Contains(previousTail, chunks[index].Text, StringComparison.Ordinal);
        }

        Assert.Equal("Fresh start.", chunks[^1].Text);
        // Every word of the long paragraph survives.
        Assert.All(Enumerable.Range(0, 120), index => Assert.Contains(chunks, chunk => chunk.Text.Contains($"w{index}.", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_long_sentence_without_breaks_is_split_at_words_and_a_giant_word_at_the_limit()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 200)) + " " + new string('x', 450);

        var pieces = DocumentChunker.Split(sentence, Target).ToList();

        Assert.All(pieces, piece => Assert.True(piece.Length <= Target));
        Assert.Equal(sentence.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(pieces).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_page_starts_a_chunk_that_cites_it_and_overlaps_the_previous_page()
    {
        TextBlock[] blocks = [TextBlock.Paragraph("Alpha one.", 1), TextBlock.Paragraph("Alpha two.", 1), TextBlock.Paragraph("Beta.", 2), TextBlock.Paragraph("Gamma.", 3)];

        var chunks = DocumentChunker.Chunk(blocks, Target, Overlap);

        Assert.Equal([1, 2, 3], chunks.Select(chunk => chunk.Page ?? 0));
        Assert.Equal("Alpha one.\n\nAlpha two.", chunks[0].Text);
        Assert.EndsWith("Beta.", chunks[1].Text, StringComparison.Ordinal);
        Assert.Contains("Alpha two.", chunks[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_text_gives_no_chunks() =>
        Assert.Empty(DocumentChunker.Chunk([TextBlock.Heading("Only a title", 1)], Target, Overlap));
}

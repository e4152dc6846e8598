using System.Text;
using MarketResearch.Domain.Knowledge;
using MarketResearch.Knowledge;
using MarketResearch.Knowledge.Documents;
using MarketResearch.Tests.Knowledge;
using Microsoft.Extensions.Options;

namespace MarketResearch.UnitTests.Knowledge;

public sealed class DocumentDetectionTests
{
    private static readonly DocumentInspector Inspector = new(Options.Create(new KnowledgeOptions()));

    [Fact]
    public void The_type_comes_from_the_bytes_not_the_name()
    {
        var pdf = DocumentFixtures.Pdf([["Hello"]]);
        var docx = DocumentFixtures.Docx([(null, "Hello")]);

        Assert.Equal(DocumentKind.Pdf, DocumentSniffer.Detect(pdf, "report.docx", out _));
        Assert.Equal(DocumentKind.Docx, DocumentSniffer.Detect(docx, "report.pdf", out _));
        Assert.Equal(DocumentKind.Text, DocumentSniffer.Detect("plain words"u8, "notes.pdf", out _));
    }

    [Theory]
    [InlineData("# Title\n\nBody", "notes", DocumentKind.Markdown)]
    [InlineData("Just a sentence.", "notes.md", DocumentKind.Markdown)]
    [InlineData("# Title\n\nBody", "notes.txt", DocumentKind.Text)]
    [InlineData("Just a sentence.\nAnother one.", null, DocumentKind.Text)]
    [InlineData("Zażółć gęślą jaźń", "tekst.txt", DocumentKind.Text)]
    public void Text_is_markdown_by_extension_or_headings_once_it_is_known_to_be_text(string content, string? name, DocumentKind expected) =>
        Assert.Equal(expected, DocumentSniffer.Detect(Encoding.UTF8.GetBytes(content), name, out _));

    [Fact]
    public void Binary_and_invalid_utf8_are_not_text()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        byte[] latin2 = [0x5A, 0x61, 0xBF, 0xF3, 0xB3, 0xE6];

        Assert.Null(DocumentSniffer.Detect(png, "image.txt", out _));
        Assert.Null(DocumentSniffer.Detect(latin2, "notes.txt", out _));
        Assert.Null(DocumentSniffer.Detect(Encoding.UTF8.GetBytes("a\u0001b\u0002c\u0003d"), "notes.txt", out _));
    }

    [Fact]
    public void Valid_documents_of_every_kind_are_accepted()
    {
        Assert.Equal(DocumentKind.Pdf, Accept(DocumentFixtures.Pdf([["One"], ["Two"]]), "a.pdf").Kind);
        Assert.Equal(2, Accept(DocumentFixtures.Pdf([["One"], ["Two"]]), "a.pdf").PageCount);
        Assert.Equal(DocumentKind.Docx, Accept(DocumentFixtures.Docx([("Heading1", "Title"), (null, "Body")]), "a.docx").Kind);
        Assert.Equal(DocumentKind.Markdown, Accept("# Title\n\nBody"u8.ToArray(), "a.md").Kind);
        Assert.Equal(DocumentKind.Text, Accept("Body"u8.ToArray(), "a.txt").Kind);
    }

    [Fact]
    public void Empty_and_whitespace_files_are_400()
    {
        Assert.Equal(400, Reject([], "a.txt").StatusCode);
        Assert.Equal("The file is empty.", Reject(" \n\t \n"u8.ToArray(), "a.txt").Title);
        Assert.Equal("The file is empty.", Reject(DocumentFixtures.Docx([]), "a.docx").Title);
    }

    [Fact]
    public void Encrypted_pdfs_are_refused_as_encrypted()
    {
        var rejection = Reject(DocumentFixtures.EncryptedPdf(), "secret.pdf");

        Assert.Equal(400, rejection.StatusCode);
        Assert.Contains("Encrypted", rejection.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_pdfs_and_zips_are_400_and_unknown_content_is_415()
    {
        Assert.Equal(400, Reject("%PDF-1.7\nthis is not a pdf body at all"u8.ToArray(), "a.pdf").StatusCode);
        var truncatedDocx = DocumentFixtures.Docx([(null, "Body")])[..200];
        Assert.Equal(400, Reject(truncatedDocx, "a.docx").StatusCode);
        Assert.Equal(415, Reject(DocumentFixtures.PlainZip(), "a.docx").StatusCode);
        Assert.Equal(415, Reject([0x89, 0x50, 0x4E, 0x47, 0, 0, 0], "a.pdf").StatusCode);
    }

    [Fact]
    public void Files_over_the_limit_are_413()
    {
        var small = new DocumentInspector(Options.Create(new KnowledgeOptions { MaxUploadBytes = 10 }));

        small.Inspect("more than ten bytes"u8.ToArray(), "a.txt", out var rejection);

        Assert.Equal(413, rejection!.StatusCode);
    }

    private static InspectedDocument Accept(byte[] bytes, string name)
    {
        var inspected = Inspector.Inspect(bytes, name, out var rejection);
        Assert.Null(rejection);
        return inspected;
    }

    private static DocumentRejection Reject(byte[] bytes, string name)
    {
        Inspector.Inspect(bytes, name, out var rejection);
        Assert.NotNull(rejection);
        return rejection;
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace MarketResearch.Tests.Knowledge;

/// <summary>Small documents generated in code (PdfPig's writer, the Open XML SDK, System.IO.Compression), not binary blobs.</summary>
public static class DocumentFixtures
{
    private const double FontSize = 10;
    private const double LineHeight = 14;
    private const double ParagraphGap = 10;
    private const double Margin = 50;
    private const int CharactersPerLine = 90;

    /// <summary>A PDF with one page per entry, each holding its paragraphs (wrapped, Helvetica).</summary>
    public static byte[] Pdf(IEnumerable<IReadOnlyList<string>> pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var paragraphs in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var y = page.PageSize.Height - Margin;
            foreach (var paragraph in paragraphs)
            {
                foreach (var line in Wrap(paragraph))
                {
                    page.AddText(line, FontSize, new PdfPoint(Margin, y), font);
                    y -= LineHeight;
                }

                y -= ParagraphGap;
            }
        }

        return builder.Build();
    }

    /// <summary>A DOCX whose blocks are (style, text): style "Heading1".."Heading3" or null for a body paragraph.</summary>
    public static byte[] Docx(IEnumerable<(string? Style, string Text)> blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(Enumerable.Range(1, 3).Select(level => new Style(
                new StyleName { Val = $"heading {level}" },
                new StyleParagraphProperties(new OutlineLevel { Val = level - 1 }))
            { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" }));
            var body = new Body();
            foreach (var (style, text) in blocks)
            {
                var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                if (style is not null)
                {
                    paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
                }

                body.AppendChild(paragraph);
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>A zip whose word/document.xml is <paramref name="bytes"/> zeros: tiny compressed, huge expanded.</summary>
    public static byte[] ZipBomb(int bytes)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var written = 0; written < bytes; written += zeros.Length)
            {
                entry.Write(zeros, 0, Math.Min(zeros.Length, bytes - written));
            }
        }

        return stream.ToArray();
    }

    /// <summary>A valid zip that is not a Word document.</summary>
    public static byte[] PlainZip()
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("notes.txt").Open());
            entry.Write("not a word document");
        }

        return stream.ToArray();
    }

    /// <summary>A one-page PDF with a Standard security handler (RC4, revision 2) whose keys match no password.</summary>
    public static byte[] EncryptedPdf()
    {
        var key = new string('A', 64);
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            $"<< /Filter /Standard /V 1 /R 2 /O <{key}> /U <{key}> /P -44 >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var index = 0; index < objects.Length; index++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{index + 1} 0 obj\n{objects[index]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<{key[..32]}> <{key[..32]}>] >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static IEnumerable<string> Wrap(string paragraph)
    {
        var line = new StringBuilder();
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > CharactersPerLine)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}

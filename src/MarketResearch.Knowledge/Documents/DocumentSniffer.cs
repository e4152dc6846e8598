using System.Text;
using MarketResearch.Domain.Knowledge;

namespace MarketResearch.Knowledge.Documents;

/// <summary>
/// Recognises a document from its bytes: %PDF, a zip holding word/document.xml (checked by the inspector), or valid
/// UTF-8 text. The file name only separates Markdown from plain text once the content is known to be text.
/// </summary>
public static class DocumentSniffer
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly string[] MarkdownExtensions = [".md", ".markdown", ".mdown", ".mkd"];

    /// <summary>Where a PDF header may start: readers accept leading junk within the first kilobyte.</summary>
    private const int PdfHeaderWindow = 1024;

    /// <summary>Share of control characters above which "text" is really binary.</summary>
    private const double MaxControlCharacterShare = 0.01;

    public static DocumentKind? Detect(ReadOnlySpan<byte> bytes, string? fileName, out string? text)
    {
        text = null;
        if (bytes[..Math.Min(bytes.Length, PdfHeaderWindow)].IndexOf(PdfMagic) >= 0)
        {
            return DocumentKind.Pdf;
        }

        if (bytes.StartsWith(ZipMagic))
        {
            return DocumentKind.Docx;
        }

        text = DecodeText(bytes);
        if (text is null)
        {
            return null;
        }

        return LooksLikeMarkdown(text, fileName) ? DocumentKind.Markdown : DocumentKind.Text;
    }

    /// <summary>Strict UTF-8 (BOM allowed), no NUL, hardly any control characters; null when the bytes are not text.</summary>
    public static string? DecodeText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var control = text.Count(character => char.IsControl(character) && character is not ('\n' or '\r' or '\t' or '\f'));
        return control > text.Length * MaxControlCharacterShare ? null : text;
    }

    private static bool LooksLikeMarkdown(string text, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty);
        if (MarkdownExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (extension.Equals(".txt", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // No telling extension: ATX headings or fenced code make it Markdown.
        return text.Split('\n').Any(line => MarkdownText.HeadingLevel(line) > 0 || line.TrimStart().StartsWith("```", StringComparison.Ordinal));
    }
}

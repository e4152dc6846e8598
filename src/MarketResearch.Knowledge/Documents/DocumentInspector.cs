using MarketResearch.Domain.Knowledge;
using Microsoft.Extensions.Options;

namespace MarketResearch.Knowledge.Documents;

/// <summary>What an accepted upload is.</summary>
public sealed record InspectedDocument(DocumentKind Kind, int? PageCount);

/// <summary>
/// Decides at upload time, before anything is stored, whether a file is a document we can read: its type from its
/// bytes, zip bombs refused before extraction, encrypted or damaged PDFs and Word files refused, empty text refused.
/// </summary>
public sealed class DocumentInspector(IOptions<KnowledgeOptions> options)
{
    public InspectedDocument Inspect(byte[] bytes, string? fileName, out DocumentRejection? rejection)
    {
        rejection = Check(bytes, fileName, out var inspected);
        return inspected!;
    }

    private DocumentRejection? Check(byte[] bytes, string? fileName, out InspectedDocument? inspected)
    {
        inspected = null;
        var limits = options.Value;
        if (bytes.Length == 0)
        {
            return DocumentRejection.Empty();
        }

        if (bytes.Length > limits.MaxUploadBytes)
        {
            return new DocumentRejection(DocumentRejection.TooLarge, "The file is too large.", $"Files up to {limits.MaxUploadBytes} bytes are accepted.");
        }

        var kind = DocumentSniffer.Detect(bytes, fileName, out var text);
        try
        {
            switch (kind)
            {
                case null:
                    return DocumentRejection.Unsupported("Upload a PDF, a Word document (.docx), Markdown or UTF-8 text; the content of this file is none of them.");
                case DocumentKind.Pdf:
                    inspected = new InspectedDocument(kind.Value, PdfText.Inspect(bytes));
                    return null;
                case DocumentKind.Docx:
                    if (ZipArchiveGuard.Check(bytes, limits.MaxUncompressedBytes, limits.MaxCompressionRatio, limits.RatioCheckMinimumBytes, limits.MaxZipEntries) is { } bomb)
                    {
                        return bomb;
                    }

                    if (!ZipArchiveGuard.HasEntry(bytes, DocxText.MainPart))
                    {
                        return DocumentRejection.Unsupported("The file is a zip archive but not a Word document (no word/document.xml).");
                    }

                    if (DocxText.Read(bytes, CancellationToken.None).Blocks.Count == 0)
                    {
                        return DocumentRejection.Empty();
                    }

                    inspected = new InspectedDocument(kind.Value, null);
                    return null;
                default:
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return DocumentRejection.Empty();
                    }

                    inspected = new InspectedDocument(kind.Value, null);
                    return null;
            }
        }
        catch (DocumentRejectedException rejected)
        {
            return rejected.Rejection;
        }
    }
}

/// <summary>Extracts the text blocks of a stored document (the ingestion job's first step).</summary>
public static class DocumentReader
{
    public static ExtractedText Read(DocumentKind kind, byte[] bytes, CancellationToken cancellationToken) => kind switch
    {
        DocumentKind.Pdf => PdfText.Read(bytes, cancellationToken),
        DocumentKind.Docx => DocxText.Read(bytes, cancellationToken),
        _ => MarkdownText.Read(DocumentSniffer.DecodeText(bytes)
            ?? throw new DocumentRejectedException(DocumentRejection.Unreadable("The text is not valid UTF-8.")), kind == DocumentKind.Markdown),
    };
}

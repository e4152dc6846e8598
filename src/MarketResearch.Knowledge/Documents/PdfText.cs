using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace MarketResearch.Knowledge.Documents;

/// <summary>PDF text with PdfPig, page by page in content order; paragraphs keep their page number.</summary>
public static partial class PdfText
{
    // Below this a second parse of the file costs more than the pages it would take off the first core.
    private const int MinimumPagesPerRange = 8;

    /// <summary>Opens the PDF to prove it is readable and not encrypted; returns its page count.</summary>
    public static int Inspect(byte[] bytes)
    {
        using var document = Open(bytes);
        if (document.NumberOfPages == 0)
        {
            throw new DocumentRejectedException(DocumentRejection.Unreadable("The PDF has no pages."));
        }

        return document.NumberOfPages;
    }

    public static ExtractedText Read(byte[] bytes, CancellationToken cancellationToken)
    {
        int pages;
        using (var document = Open(bytes))
        {
            pages = document.NumberOfPages;
        }

        // Layout analysis is CPU-bound per page: contiguous page ranges run on every core, each over its own parse of
        // the file (a PdfDocument is not thread-safe), and are joined in page order.
        var ranges = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, pages / MinimumPagesPerRange));
        var blocks = new List<TextBlock>[ranges];
        try
        {
            Parallel.For(0, ranges, new ParallelOptions { CancellationToken = cancellationToken }, range =>
            {
                var first = 1 + (int)((long)pages * range / ranges);
                var last = (int)((long)pages * (range + 1) / ranges);
                blocks[range] = ReadPages(bytes, first, last, cancellationToken);
            });
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count > 0)
        {
            // Callers handle the page's own exception (a rejection, a cancellation), as when one thread read every page.
            ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
            throw;
        }
        return new ExtractedText([.. blocks.SelectMany(range => range)], pages);
    }

    private static List<TextBlock> ReadPages(byte[] bytes, int first, int last, CancellationToken cancellationToken)
    {
        using var document = Open(bytes);
        var blocks = new List<TextBlock>();
        var options = new ContentOrderTextExtractor.Options { SeparateParagraphsWithDoubleNewline = true, ReplaceWhitespaceWithSpace = true };
        for (var number = first; number <= last; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = document.GetPage(number);
            var text = ContentOrderTextExtractor.GetText(page, options);
            foreach (var paragraph in ParagraphBreak().Split(text))
            {
                var value = Whitespace().Replace(paragraph, " ").Trim();
                if (value.Length > 0)
                {
                    blocks.Add(TextBlock.Paragraph(value, page.Number));
                }
            }
        }

        return blocks;
    }

    private static PdfDocument Open(byte[] bytes)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new DocumentRejectedException(Encrypted());
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not DocumentRejectedException)
        {
            // A security handler PdfPig cannot open (unknown filter, wrong key) still names itself in the trailer.
            if (bytes.AsSpan().IndexOf("/Encrypt"u8) >= 0)
            {
                throw new DocumentRejectedException(Encrypted());
            }

            throw new DocumentRejectedException(DocumentRejection.Unreadable($"The PDF is damaged or not a PDF: {exception.Message}"));
        }

        if (document.IsEncrypted)
        {
            document.Dispose();
            throw new DocumentRejectedException(Encrypted());
        }

        return document;
    }

    private static DocumentRejection Encrypted() =>
        new(DocumentRejection.BadRequest, "Encrypted PDFs are not accepted.", "The PDF is encrypted or password-protected; upload a copy without protection.");

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

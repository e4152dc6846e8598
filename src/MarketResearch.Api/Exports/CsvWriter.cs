using System.Globalization;
using System.Text;

namespace MarketResearch.Api.Exports;

/// <summary>
/// RFC 4180 rows. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe:
/// persona answers are model output and must not execute when a researcher opens the file.
/// </summary>
internal sealed class CsvWriter(TextWriter writer)
{
    private bool _rowStarted;

    public CsvWriter Text(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return Cell(text);
    }

    public CsvWriter Number(double? value) => Cell(value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty);

    public CsvWriter Number(long value) => Cell(value.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Id(Guid? value) => Cell(value?.ToString() ?? string.Empty);

    public CsvWriter Time(DateTimeOffset value) => Cell(value.ToString("O", CultureInfo.InvariantCulture));

    public CsvWriter Row(IEnumerable<string> headers)
    {
        foreach (var header in headers)
        {
            Text(header);
        }

        return EndRow();
    }

    public CsvWriter EndRow()
    {
        writer.Write("\r\n");
        _rowStarted = false;
        return this;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

    private CsvWriter Cell(string text)
    {
        if (_rowStarted)
        {
            writer.Write(',');
        }

        _rowStarted = true;
        if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            writer.Write('"');
            writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }
        else
        {
            writer.Write(text);
        }

        return this;
    }

    /// <summary>UTF-8 with a byte-order mark, so that spreadsheet programs read non-ASCII names (Polish) correctly.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
}

using MarketResearch.Api.Exports;

namespace MarketResearch.UnitTests.Exports;

public sealed class ExportWritersTests
{
    [Fact]
    public void Csv_quotes_separators_and_defuses_formulas()
    {
        using var text = new StringWriter();
        new CsvWriter(text).Text("plain").Text("a,b").Text("say \"hi\"").Text("=HYPERLINK(\"x\")").Text("line\nbreak").Number(-0.25).EndRow();

        Assert.Equal("plain,\"a,b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",\"line\nbreak\",-0.25\r\n", text.ToString());
    }

    [Fact]
    public void Markdown_escapes_markup_and_html()
    {
        Assert.Equal("&lt;script&gt;x&lt;/script&gt; \\# \\[link\\](y) \\*bold\\*", MarkdownWriter.Escape("<script>x</script> # [link](y) *bold*"));
    }

    [Theory]
    [InlineData("Oat milk panel", "oat-milk-panel")]
    [InlineData("Żółta łódź — 2026", "zolta-lodz-2026")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("???", "project")]
    public void File_names_are_safe_slugs(string name, string slug)
    {
        Assert.Equal(slug, ProjectExportResult.FileSlug(name));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("JSON", true)]
    [InlineData("md", true)]
    [InlineData("csv", true)]
    [InlineData("xml", false)]
    public void Formats_parse(string? value, bool valid)
    {
        Assert.Equal(valid, ExportFormats.TryParse(value, out _));
    }
}

using System.Globalization;
using System.Text;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using Microsoft.Net.Http.Headers;

namespace MarketResearch.Api.Exports;

/// <summary>Writes the export straight to the response body: rows are read as a stream, never all held in memory.</summary>
internal sealed class ProjectExportResult(Project project, ExportFormat format) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = ExportFormats.ContentType(format);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"{FileSlug(project.Name)}-export.{ExportFormats.Extension(format)}");
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";

        var source = new ProjectExportSource(httpContext.RequestServices.GetRequiredService<ResearchDbContext>(), project);
        var body = response.BodyWriter.AsStream();
        switch (format)
        {
            case ExportFormat.Json:
                await JsonProjectExport.WriteAsync(source, body, cancellationToken);
                break;
            case ExportFormat.Csv:
                await CsvProjectExport.WriteAsync(source, body, cancellationToken);
                break;
            default:
                await MarkdownProjectReport.WriteAsync(source, body, cancellationToken);
                break;
        }
    }

    /// <summary>A file name of letters, digits and dashes, whatever the project is called.</summary>
    internal static string FileSlug(string name)
    {
        var slug = new StringBuilder();
        // Ł has no decomposition to L, unlike the other Polish letters.
        foreach (var character in name.Replace('ł', 'l').Replace('Ł', 'L').Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                slug.Append(char.ToLowerInvariant(character));
            }
            else if (slug.Length > 0 && slug[^1] != '-' && CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "project" : text[..Math.Min(text.Length, 60)];
    }
}

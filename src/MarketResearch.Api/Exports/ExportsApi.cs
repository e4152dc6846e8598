using System.Security.Claims;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.Projects;
using MarketResearch.Domain.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.Exports;

/// <summary>A project's personas, transcripts and results as JSON, CSV (a zip of tables) or a Markdown report, streamed.</summary>
internal static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/projects/{id:guid}/export", Export).WithTags("Exports").RequireAuthorization().WithName("ExportProject")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .Produces(StatusCodes.Status200OK, contentType: "text/markdown");
        return app;
    }

    private static async Task<Results<ProjectExportResult, ValidationProblem, ProblemHttpResult>> Export(
        Guid id, string? format, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, CancellationToken cancellationToken)
    {
        if (await access.RoleAsync(id, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!ExportFormats.TryParse(format, out var exportFormat))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["format"] = [$"format must be one of {string.Join(", ", ExportFormats.Names)}."],
            });
        }

        var project = await db.Projects.AsNoTracking().FirstAsync(row => row.Id == id, cancellationToken);
        return new ProjectExportResult(project, exportFormat);
    }
}

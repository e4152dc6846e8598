using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.Projects;
using MarketResearch.Knowledge;
using MarketResearch.Knowledge.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Knowledge;

/// <summary>Hybrid (keyword + vector) search over a project's ready documents; a read, so viewers may search.</summary>
internal static class KnowledgeSearchApi
{
    public static IEndpointRouteBuilder MapKnowledgeSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/projects/{id:guid}/knowledge/search", Search).WithTags("Knowledge").RequireAuthorization().WithName("SearchKnowledge");
        return app;
    }

    private static async Task<Results<Ok<KnowledgeSearchResponse>, ValidationProblem, ProblemHttpResult>> Search(
        Guid id, KnowledgeSearchRequest request, ClaimsPrincipal principal, ProjectAccess access, KnowledgeSearch search,
        KnowledgeSearchTimings timings, HttpContext context, IOptions<KnowledgeOptions> options, CancellationToken cancellationToken)
    {
        var checking = Stopwatch.StartNew();
        if (await access.RoleAsync(id, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("project", id);
        }

        var errors = KnowledgeSearch.Validate(request.Query, request.Top, options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var accessMilliseconds = checking.Elapsed.TotalMilliseconds;
        var passages = await search.SearchAsync(id, request.Query!, request.Top, cancellationToken);
        // Where the time went (browser dev tools and the bench read it): access check, then the search's stages.
        context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"access;dur={accessMilliseconds:0.0}, {timings.ToServerTiming()}");
        return TypedResults.Ok(new KnowledgeSearchResponse(request.Query!, passages));
    }
}

using System.Security.Claims;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.Jobs;
using MarketResearch.Api.Projects;
using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.FocusGroups;

/// <summary>The discussion graph of a focus group: nodes, edges and insights; rebuilt from the transcript on request.</summary>
internal static class FocusGroupGraphApi
{
    public static IEndpointRouteBuilder MapFocusGroupGraphApi(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/v1/focus-groups").WithTags("FocusGroups").RequireAuthorization();
        groups.MapGet("/{id:guid}/graph", Graph).WithName("GetFocusGroupGraph");
        groups.MapPost("/{id:guid}/graph/rebuild", Rebuild).WithName("RebuildFocusGroupGraph");
        return app;
    }

    private static async Task<Results<Ok<GraphView>, ProblemHttpResult>> Graph(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, IGraphStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, principal, access, db, cancellationToken) is null)
        {
            return Problems.NotFound("focus group", id);
        }

        var graph = await store.LoadAsync(id, cancellationToken);
        return graph is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The focus group has no discussion graph yet.",
                detail: "The graph is built when a run completes (or by POST .../graph/rebuild).")
            : TypedResults.Ok(GraphView.From(graph));
    }

    private static async Task<Results<Accepted<JobAccepted>, ProblemHttpResult>> Rebuild(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, JobQueue queue, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, principal, access, db, cancellationToken) is not { } found)
        {
            return Problems.NotFound("focus group", id);
        }

        if (!found.Role.CanWrite())
        {
            return Problems.Forbidden("editors and owners can rebuild a graph");
        }

        if (found.Group.Status != FocusGroupStatus.Completed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The focus group has no completed run.",
                detail: "A graph is built from a completed run's transcript.");
        }

        var job = queue.Enqueue(GraphRebuildRequest.JobType, new GraphRebuildPayload(id), principal.Id(), found.Group.ProjectId);
        await queue.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", JobAccepted.For(job));
    }

    private static async Task<(FocusGroup Group, ProjectRole Role)?> FindAsync(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, CancellationToken cancellationToken)
    {
        var group = await db.FocusGroups.AsNoTracking().FirstOrDefaultAsync(row => row.Id == id, cancellationToken);
        return group is not null && await access.RoleAsync(group.ProjectId, principal.Id(), cancellationToken) is { } role ? (group, role) : null;
    }
}

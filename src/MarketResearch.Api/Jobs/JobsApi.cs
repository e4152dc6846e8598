using System.Globalization;
using System.Security.Claims;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketResearch.Api.Jobs;

/// <summary>/api/v1/jobs: status, live events and cancellation of long work.</summary>
internal static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/v1/jobs").WithTags("Jobs").RequireAuthorization();
        jobs.MapGet("/{id:guid}", GetJob).WithName("GetJob");
        jobs.MapGet("/{id:guid}/events", StreamEvents).WithName("StreamJobEvents");
        jobs.MapPost("/{id:guid}/cancel", CancelJob).WithName("CancelJob");
        return app;
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJob(
        Guid id, ClaimsPrincipal principal, JobAccess access, CancellationToken cancellationToken) =>
        await access.FindAsync(id, principal.Id(), cancellationToken) is { } found
            ? TypedResults.Ok(JobResponse.From(found.Job))
            : Problems.NotFound("job", id);

    private static async Task<IResult> StreamEvents(
        Guid id, HttpContext http, ClaimsPrincipal principal, JobAccess access, JobEventStream stream, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(id, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("job", id);
        }

        // A reconnecting EventSource sends the last id it saw: resume after it.
        var after = long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var lastSeen) ? lastSeen : 0;
        return TypedResults.ServerSentEvents(stream.ReadAsync(id, after, cancellationToken));
    }

    private static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> CancelJob(
        Guid id, ClaimsPrincipal principal, JobAccess access, JobQueue queue, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(id, principal.Id(), cancellationToken);
        if (found is null)
        {
            return Problems.NotFound("job", id);
        }

        if (!found.Value.Role.CanWrite())
        {
            return Problems.Forbidden("editors and owners can cancel a project's jobs");
        }

        await queue.RequestCancelAsync(id, cancellationToken);
        var job = await queue.FindAsync(id, cancellationToken);
        return TypedResults.Accepted($"/api/v1/jobs/{id}", JobResponse.From(job!));
    }
}

using System.Globalization;
using System.Security.Claims;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.Jobs;
using MarketResearch.Api.Projects;
using MarketResearch.Api.ReadCache;
using MarketResearch.Domain;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using MarketResearch.Domain.ReadCache;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.FocusGroups;

/// <summary>Moderated focus groups: definition, runs as jobs, and the transcript and insights of the last run.</summary>
internal static class FocusGroupsApi
{
    public static IEndpointRouteBuilder MapFocusGroupsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/projects/{id:guid}/focus-groups", Create).WithTags("FocusGroups").RequireAuthorization().WithName("CreateFocusGroup");
        app.MapGet("/api/v1/projects/{id:guid}/focus-groups", List).WithTags("FocusGroups").RequireAuthorization().WithName("ListFocusGroups");
        var groups = app.MapGroup("/api/v1/focus-groups").WithTags("FocusGroups").RequireAuthorization();
        groups.MapGet("/{id:guid}", Get).WithName("GetFocusGroup");
        groups.MapPost("/{id:guid}/run", Run).WithName("RunFocusGroup");
        groups.MapGet("/{id:guid}/transcript", Transcript).WithName("GetFocusGroupTranscript");
        groups.MapGet("/{id:guid}/insights", Insights).WithName("GetFocusGroupInsights");
        return app;
    }

    private static async Task<Results<Created<FocusGroupResponse>, ValidationProblem, ProblemHttpResult>> Create(
        Guid id, FocusGroupDraft draft, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var role = await access.RoleAsync(id, principal.Id(), cancellationToken);
        if (role is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!role.Value.CanWrite())
        {
            return Problems.Forbidden("editors and owners can create focus groups");
        }

        var shapeErrors = FocusGroupDraftValidator.Validate(draft);
        if (shapeErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(shapeErrors);
        }

        var personaIds = draft.PersonaIds!.ToList();
        var inProject = await db.Personas.AsNoTracking().Where(persona => persona.ProjectId == id && personaIds.Contains(persona.Id))
            .Select(persona => persona.Id).ToListAsync(cancellationToken);
        var errors = new FieldErrors();
        // One wording for unknown ids and other projects' personas: the answer must not reveal what exists elsewhere.
        foreach (var missing in personaIds.Except(inProject))
        {
            errors.Add("personaIds", $"Persona {missing} is not a persona of this project.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var now = clock.GetUtcNow();
        var group = new FocusGroup
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = id,
            Name = draft.Name!.Trim(),
            PersonaIds = personaIds,
            Questions = FocusGroupDraftValidator.Normalize(draft.Questions!),
            ModeratorFollowUps = draft.ModeratorFollowUps ?? false,
            Status = FocusGroupStatus.Draft,
            CreatedBy = principal.Id(),
            CreatedAt = now,
        };
        db.FocusGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/focus-groups/{group.Id}", FocusGroupResponse.From(group, null));
    }

    private static async Task<Results<Ok<Page<FocusGroupResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, IOptions<ApiOptions> options,
        int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (await access.RoleAsync(id, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!PageRequest.TryCreate(limit, cursor, options.Value, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var groups = await db.FocusGroups.AsNoTracking().Where(group => group.ProjectId == id)
            .ToPageAsync(page, group => group.CreatedAt, group => group.Id, group => new PageCursor(group.CreatedAt, group.Id),
                group => group, cancellationToken);
        var jobStatuses = await JobStatusesAsync(db, groups.Items.Select(group => group.LastJobId), cancellationToken);
        return TypedResults.Ok(new Page<FocusGroupResponse>(
            groups.Items.Select(group => FocusGroupResponse.From(group, group.LastJobId is { } job ? jobStatuses.GetValueOrDefault(job) : null)).ToList(),
            groups.NextCursor));
    }

    private static async Task<Results<Ok<FocusGroupResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, principal, access, db, tracked: false, cancellationToken);
        if (found is null)
        {
            return Problems.NotFound("focus group", id);
        }

        return TypedResults.Ok(FocusGroupResponse.From(found.Value.Group, await LastJobStatusAsync(db, found.Value.Group, cancellationToken)));
    }

    private static async Task<Results<Accepted<JobAccepted>, ProblemHttpResult>> Run(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, JobQueue queue, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, principal, access, db, tracked: true, cancellationToken);
        if (found is null)
        {
            return Problems.NotFound("focus group", id);
        }

        if (!found.Value.Role.CanWrite())
        {
            return Problems.Forbidden("editors and owners can run focus groups");
        }

        var group = found.Value.Group;
        var status = FocusGroupResponse.EffectiveStatus(group.Status, await LastJobStatusAsync(db, group, cancellationToken));
        if (status is FocusGroupStatus.Queued or FocusGroupStatus.Running)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The focus group is already running.",
                detail: $"Follow job {group.LastJobId} or cancel it before starting another run.");
        }

        var job = queue.Enqueue(FocusGroupRunPayload.JobType, new FocusGroupRunPayload(group.Id), principal.Id(), group.ProjectId);
        group.Status = FocusGroupStatus.Queued;
        group.LastJobId = job.Id;
        group.CompletedAt = null;
        // The status change and the job commit together: no queued group without a job, no job for a draft.
        await queue.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", JobAccepted.For(job));
    }

    private static async Task<Results<Ok<TranscriptResponse>, ValidationProblem, ProblemHttpResult>> Transcript(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, IOptions<ApiOptions> options,
        int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, principal, access, db, tracked: false, cancellationToken);
        if (found is null)
        {
            return Problems.NotFound("focus group", id);
        }

        // The transcript reads in speaking order, so its cursor is the last sequence number seen.
        if (!PageRequest.TryCreate(limit, null, options.Value, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var after = -1;
        if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not one this API issued; start again without it."] });
        }

        var group = found.Value.Group;
        var turns = await db.FocusGroupTurns.AsNoTracking()
            .Where(turn => turn.FocusGroupId == id && turn.JobId == group.LastJobId && turn.Sequence > after)
            .OrderBy(turn => turn.Sequence).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var next = turns.Count > page.Limit ? turns[page.Limit - 1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new TranscriptResponse(id, group.LastJobId, group.Questions, turns.Take(page.Limit).Select(TurnResponse.From).ToList(), next));
    }

    /// <summary>Insights exist once the last run completed; before that the answer is 409 with the current status (documented).</summary>
    private static async Task<Results<Ok<InsightsResponse>, ProblemHttpResult>> Insights(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, ProjectReadCache readCache, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, principal, access, db, tracked: false, cancellationToken);
        if (found is null)
        {
            return Problems.NotFound("focus group", id);
        }

        var group = found.Value.Group;
        var status = FocusGroupResponse.EffectiveStatus(group.Status, await LastJobStatusAsync(db, group, cancellationToken));
        // The run's insights document, cached per run; the worker replaces the project's focus-group version when a run
        // succeeds, so a retried run that rewrote them is read afresh. "Completed" commits with the row, so it is there.
        var insight = status == FocusGroupStatus.Completed && group.LastJobId is { } jobId
            ? await readCache.GetOrCreateAsync(group.ProjectId, ProjectReadVersions.FocusGroups, $"insights:{id:N}:{jobId:N}", async token =>
                await db.FocusGroupInsights.AsNoTracking().FirstOrDefaultAsync(row => row.JobId == jobId, token) is { } row ? InsightsResponse.From(row) : null, cancellationToken)
            : null;
        if (insight is null)
        {
            var statusName = status.ToString().ToLowerInvariant();
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The focus group has no insights yet.",
                detail: $"Insights are available once a run completes; the focus group is {statusName}.",
                extensions: new Dictionary<string, object?> { ["status"] = statusName, ["jobId"] = group.LastJobId });
        }

        return TypedResults.Ok(insight);
    }

    private static async Task<(FocusGroup Group, ProjectRole Role)?> FindAsync(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.FocusGroups : db.FocusGroups.AsNoTracking();
        var group = await query.FirstOrDefaultAsync(row => row.Id == id, cancellationToken);
        if (group is null || await access.RoleAsync(group.ProjectId, principal.Id(), cancellationToken) is not { } role)
        {
            return null;
        }

        return (group, role);
    }

    private static async Task<JobStatus?> LastJobStatusAsync(ResearchDbContext db, FocusGroup group, CancellationToken cancellationToken) =>
        group.LastJobId is { } jobId
            ? await db.Jobs.AsNoTracking().Where(job => job.Id == jobId).Select(job => (JobStatus?)job.Status).FirstOrDefaultAsync(cancellationToken)
            : null;

    private static async Task<Dictionary<Guid, JobStatus>> JobStatusesAsync(ResearchDbContext db, IEnumerable<Guid?> jobIds, CancellationToken cancellationToken)
    {
        var ids = jobIds.OfType<Guid>().ToList();
        return ids.Count == 0 ? [] : await db.Jobs.AsNoTracking().Where(job => ids.Contains(job.Id)).ToDictionaryAsync(job => job.Id, job => job.Status, cancellationToken);
    }
}

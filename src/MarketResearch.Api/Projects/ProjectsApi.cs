using System.Security.Claims;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.ReadCache;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using MarketResearch.Domain.ReadCache;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Projects;

/// <summary>/api/v1/projects: the caller's research projects and their target audiences.</summary>
internal static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/projects").WithTags("Projects").RequireAuthorization();

        projects.MapGet("/", ListProjects).WithName("ListProjects");
        projects.MapPost("/", CreateProject).WithName("CreateProject");
        projects.MapGet("/{id:guid}", GetProject).WithName("GetProject");
        projects.MapPut("/{id:guid}", ReplaceProject).WithName("ReplaceProject");
        projects.MapDelete("/{id:guid}", DeleteProject).WithName("DeleteProject");
        projects.MapProjectMembersApi();
        return app;
    }

    private static async Task<Results<Ok<Page<ProjectResponse>>, ValidationProblem>> ListProjects(
        ClaimsPrincipal principal, ResearchDbContext db, IOptions<ApiOptions> options, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(limit, cursor, options.Value, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = principal.Id();
        return TypedResults.Ok(await db.Projects.AsNoTracking()
            .Where(project => db.ProjectMembers.Any(member => member.ProjectId == project.Id && member.UserId == userId))
            .ToPageAsync(page, project => project.CreatedAt, project => project.Id, project => new PageCursor(project.CreatedAt, project.Id),
                ProjectResponse.From, cancellationToken));
    }

    private static async Task<Results<Created<ProjectResponse>, ValidationProblem>> CreateProject(
        ProjectDraft draft, ClaimsPrincipal principal, ResearchDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ProjectDraftValidator.Validate(draft);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var project = Project.Create(draft, now);
        db.Projects.Add(project);
        // The creator owns the project; both rows commit together or not at all.
        db.ProjectMembers.Add(new ProjectMember { ProjectId = project.Id, UserId = principal.Id(), Role = ProjectRole.Owner, AddedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/projects/{project.Id}", ProjectResponse.From(project));
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> GetProject(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, CancellationToken cancellationToken)
    {
        if (await access.RoleAsync(id, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("project", id);
        }

        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(project => project.Id == id, cancellationToken);
        return project is null ? Problems.NotFound("project", id) : TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<Results<Ok<ProjectResponse>, ValidationProblem, ProblemHttpResult>> ReplaceProject(
        Guid id, ProjectDraft draft, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, ProjectReadCache readCache,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var role = await access.RoleAsync(id, principal.Id(), cancellationToken);
        if (role is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!role.Value.CanWrite())
        {
            return Problems.Forbidden("editors and owners can change a project");
        }

        var errors = ProjectDraftValidator.Validate(draft);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var project = await db.Projects.FirstOrDefaultAsync(project => project.Id == id, cancellationToken);
        if (project is null)
        {
            return Problems.NotFound("project", id);
        }

        project.Update(draft, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        // Panel quality is measured against the target audience, which may just have changed.
        await readCache.InvalidateAsync(id, ProjectReadVersions.Personas);
        return TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteProject(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, CancellationToken cancellationToken)
    {
        var role = await access.RoleAsync(id, principal.Id(), cancellationToken);
        if (role is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!role.Value.CanManage())
        {
            return Problems.Forbidden("owners can delete a project");
        }

        var deleted = await db.Projects.Where(project => project.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("project", id) : TypedResults.NoContent();
    }
}

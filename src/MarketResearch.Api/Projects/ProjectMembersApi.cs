using System.Security.Claims;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.Projects;

public sealed record AddMemberRequest(string? Email, string? Role);

public sealed record MemberResponse(Guid UserId, string Email, string DisplayName, string Role, DateTimeOffset AddedAt);

/// <summary>/api/v1/projects/{id}/members: who may see and change a project. Owners manage; everyone else reads.</summary>
internal static class ProjectMembersApi
{
    public static RouteGroupBuilder MapProjectMembersApi(this RouteGroupBuilder projects)
    {
        projects.MapGet("/{id:guid}/members", ListMembers).WithName("ListProjectMembers");
        projects.MapPost("/{id:guid}/members", AddMember).WithName("AddProjectMember");
        projects.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMember).WithName("RemoveProjectMember");
        return projects;
    }

    private static async Task<Results<Ok<IReadOnlyList<MemberResponse>>, ProblemHttpResult>> ListMembers(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, CancellationToken cancellationToken)
    {
        if (await access.RoleAsync(id, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("project", id);
        }

        var members = await db.ProjectMembers.AsNoTracking()
            .Where(member => member.ProjectId == id)
            .Join(db.Users, member => member.UserId, user => user.Id, (member, user) => new { member, user })
            .OrderBy(row => row.member.AddedAt)
            .Select(row => new MemberResponse(row.user.Id, row.user.Email!, row.user.DisplayName, row.member.Role.ToString().ToLower(), row.member.AddedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MemberResponse>>(members);
    }

    private static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> AddMember(
        Guid id, AddMemberRequest request, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db,
        SecurityAudit audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var role = await access.RoleAsync(id, principal.Id(), cancellationToken);
        if (role is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!role.Value.CanManage())
        {
            return Problems.Forbidden("owners can manage members");
        }

        var errors = new Dictionary<string, string[]>();
        if (!ProjectRoles.TryParse(request.Role, out var newRole))
        {
            errors["role"] = ["The role must be owner, editor or viewer."];
        }

        var email = AccountRules.NormaliseEmail(request.Email ?? string.Empty);
        var user = email.Length == 0 ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(user => user.NormalizedEmail == email.ToUpperInvariant(), cancellationToken);
        if (user is null)
        {
            errors["email"] = ["No account uses this email; ask the person to register first."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var member = await db.ProjectMembers.FirstOrDefaultAsync(row => row.ProjectId == id && row.UserId == user!.Id, cancellationToken);
        if (member is null)
        {
            member = new ProjectMember { ProjectId = id, UserId = user!.Id, Role = newRole, AddedAt = clock.GetUtcNow() };
            db.ProjectMembers.Add(member);
        }
        else if (member.Role == ProjectRole.Owner && newRole != ProjectRole.Owner && !await HasAnotherOwnerAsync(db, id, member.UserId, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["A project keeps at least one owner."] });
        }
        else
        {
            member.Role = newRole;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(SecurityEventTypes.RoleChanged, user!.Id, $"project {id}: {newRole.ToString().ToLowerInvariant()} (by {principal.Id()})", cancellationToken);
        return TypedResults.Ok(new MemberResponse(user.Id, user.Email!, user.DisplayName, newRole.ToString().ToLowerInvariant(), member.AddedAt));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveMember(
        Guid id, Guid userId, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, SecurityAudit audit,
        CancellationToken cancellationToken)
    {
        var callerId = principal.Id();
        var role = await access.RoleAsync(id, callerId, cancellationToken);
        if (role is null)
        {
            return Problems.NotFound("project", id);
        }

        // Anyone may leave; only owners remove others.
        if (userId != callerId && !role.Value.CanManage())
        {
            return Problems.Forbidden("owners can remove other members");
        }

        var member = await db.ProjectMembers.FirstOrDefaultAsync(row => row.ProjectId == id && row.UserId == userId, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("member", userId);
        }

        if (member.Role == ProjectRole.Owner && !await HasAnotherOwnerAsync(db, id, userId, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userId"] = ["A project keeps at least one owner."] });
        }

        db.ProjectMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(SecurityEventTypes.RoleChanged, userId, $"project {id}: removed (by {callerId})", cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<bool> HasAnotherOwnerAsync(ResearchDbContext db, Guid projectId, Guid userId, CancellationToken cancellationToken) =>
        db.ProjectMembers.AnyAsync(row => row.ProjectId == projectId && row.UserId != userId && row.Role == ProjectRole.Owner, cancellationToken);
}

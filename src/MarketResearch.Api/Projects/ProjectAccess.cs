using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.Projects;

/// <summary>The caller's role in a project, or null when they are not a member (then the project does not exist for them).</summary>
internal sealed class ProjectAccess(ResearchDbContext db)
{
    public async Task<ProjectRole?> RoleAsync(Guid projectId, Guid userId, CancellationToken cancellationToken) =>
        await db.ProjectMembers.AsNoTracking()
            .Where(member => member.ProjectId == projectId && member.UserId == userId)
            .Select(member => (ProjectRole?)member.Role)
            .FirstOrDefaultAsync(cancellationToken);
}

using MarketResearch.Api.Projects;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.Jobs;

/// <summary>A job is visible to the members of its project (or to its creator when it has none); writes need an editor.</summary>
internal sealed class JobAccess(ResearchDbContext db, ProjectAccess projects)
{
    public async Task<(Job Job, ProjectRole Role)?> FindAsync(Guid jobId, Guid userId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(row => row.Id == jobId, cancellationToken);
        if (job is null)
        {
            return null;
        }

        if (job.ProjectId is { } projectId)
        {
            return await projects.RoleAsync(projectId, userId, cancellationToken) is { } role ? (job, role) : null;
        }

        return job.CreatedBy == userId ? (job, ProjectRole.Owner) : null;
    }
}

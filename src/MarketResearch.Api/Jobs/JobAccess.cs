using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.Jobs;

/// <summary>A job is visible to the members of its project (or to its creator when it has none); writes need an editor.</summary>
internal sealed class JobAccess(ResearchDbContext db)
{
    public async Task<(Job Job, ProjectRole Role)?> FindAsync(Guid jobId, Guid userId, CancellationToken cancellationToken)
    {
        // The job and the caller's role in its project in one round trip (job reads and event streams start here).
        var found = await db.Jobs.AsNoTracking()
            .Where(job => job.Id == jobId)
            .Select(job => new
            {
                Job = job,
                Role = db.ProjectMembers
                    .Where(member => member.ProjectId == job.ProjectId && member.UserId == userId)
                    .Select(member => (ProjectRole?)member.Role)
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        if (found.Job.ProjectId is not null)
        {
            return found.Role is { } role ? (found.Job, role) : null;
        }

        return found.Job.CreatedBy == userId ? (found.Job, ProjectRole.Owner) : null;
    }
}

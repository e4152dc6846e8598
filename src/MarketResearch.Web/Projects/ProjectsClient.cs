using MarketResearch.Domain.Projects;
using MarketResearch.Web.Account;
using MarketResearch.Web.Api;

namespace MarketResearch.Web.Projects;

/// <summary>The web app's view of /api/v1/projects and their members.</summary>
public sealed class ProjectsClient(ApiClient api, CurrentAccount account)
{
    private const int PageSize = 100;

    public async Task<ApiResult<IReadOnlyList<ProjectDetails>>> ListAsync(CancellationToken cancellationToken)
    {
        var page = await api.GetAsync<Page<ProjectDetails>>($"/api/v1/projects?limit={PageSize}", cancellationToken);
        return page.Succeeded ? new ApiResult<IReadOnlyList<ProjectDetails>>(page.Value!.Items, null) : page.Problem!;
    }

    public Task<ApiResult<ProjectDetails>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        api.GetAsync<ProjectDetails>($"/api/v1/projects/{id}", cancellationToken);

    public Task<ApiResult<ProjectDetails>> CreateAsync(ProjectDraft draft, CancellationToken cancellationToken) =>
        api.SendAsync<ProjectDetails>(HttpMethod.Post, "/api/v1/projects", draft, cancellationToken);

    public Task<ApiResult<ProjectDetails>> UpdateAsync(Guid id, ProjectDraft draft, CancellationToken cancellationToken) =>
        api.SendAsync<ProjectDetails>(HttpMethod.Put, $"/api/v1/projects/{id}", draft, cancellationToken);

    public Task<ApiProblem?> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Delete, $"/api/v1/projects/{id}", null, cancellationToken);

    public Task<ApiResult<List<ProjectMemberDetails>>> MembersAsync(Guid id, CancellationToken cancellationToken) =>
        api.GetAsync<List<ProjectMemberDetails>>($"/api/v1/projects/{id}/members", cancellationToken);

    /// <summary>Adds a member, or changes the role of one.</summary>
    public Task<ApiResult<ProjectMemberDetails>> SetMemberAsync(Guid id, string email, string role, CancellationToken cancellationToken) =>
        api.SendAsync<ProjectMemberDetails>(HttpMethod.Post, $"/api/v1/projects/{id}/members", new { email, role }, cancellationToken);

    public Task<ApiProblem?> RemoveMemberAsync(Guid id, Guid userId, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Delete, $"/api/v1/projects/{id}/members/{userId}", null, cancellationToken);

    /// <summary>The project with the caller's role in it, read from the member list (the project itself does not say).</summary>
    public async Task<ApiResult<ProjectView>> ViewAsync(Guid id, CancellationToken cancellationToken)
    {
        // Three independent reads: in parallel, so a project page waits for the slowest, not the sum.
        var projectTask = GetAsync(id, cancellationToken);
        var membersTask = MembersAsync(id, cancellationToken);
        var meTask = account.MeAsync(cancellationToken);
        var (project, members, me) = (await projectTask, await membersTask, await meTask);
        if (!project.Succeeded || !members.Succeeded || !me.Succeeded)
        {
            return project.Problem ?? members.Problem ?? me.Problem!;
        }

        var mine = members.Value!.FirstOrDefault(member => member.UserId == me.Value!.Id);
        var role = mine is not null && ProjectRoles.TryParse(mine.Role, out var parsed) ? parsed : ProjectRole.Viewer;
        return new ApiResult<ProjectView>(new ProjectView(project.Value!, role), null);
    }
}

using System.Net.Http.Json;

namespace MarketResearch.Web.Api;

/// <summary>The web app's view of /api/v1/projects.</summary>
public sealed class ProjectsClient(HttpClient http)
{
    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var page = await http.GetFromJsonAsync<ProjectPage>("/api/v1/projects?limit=100", cancellationToken);
        return page?.Items ?? [];
    }

    private sealed record ProjectPage(IReadOnlyList<ProjectSummary> Items, string? NextCursor);
}

public sealed record ProjectSummary(Guid Id, string Name, string? Description, string Locale, DateTimeOffset CreatedAt);

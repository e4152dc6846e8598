using System.Net.Http.Headers;
using System.Net.Http.Json;
using MarketResearch.Web.Account;

namespace MarketResearch.Web.Api;

/// <summary>The web app's view of /api/v1/projects, called with the signed-in user's token.</summary>
public sealed class ProjectsClient(HttpClient http, ApiSession session)
{
    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects?limit=100");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await session.AccessTokenAsync(cancellationToken)
            ?? throw new SessionExpiredException());
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            throw new SessionExpiredException();
        }

        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadFromJsonAsync<ProjectPage>(cancellationToken);
        return page?.Items ?? [];
    }

    private sealed record ProjectPage(IReadOnlyList<ProjectSummary> Items, string? NextCursor);
}

public sealed record ProjectSummary(Guid Id, string Name, string? Description, string Locale, DateTimeOffset CreatedAt);

/// <summary>The API no longer accepts this browser session: the user signs in again.</summary>
public sealed class SessionExpiredException() : Exception("The session has expired; sign in again.");

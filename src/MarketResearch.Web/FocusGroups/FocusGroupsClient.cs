using System.Text.Json;
using MarketResearch.Web.Api;
using MarketResearch.Web.Jobs;

namespace MarketResearch.Web.FocusGroups;

/// <summary>/api/v1 focus groups: list, create, run, transcript and insights.</summary>
public sealed class FocusGroupsClient(ApiClient api)
{
    private const int PageSize = 50;
    // The API's largest page (Api:MaxPageSize).
    private const int TranscriptPageSize = 100;

    public async Task<ApiResult<IReadOnlyList<FocusGroupDetails>>> ListAsync(Guid projectId, CancellationToken cancellationToken)
    {
        var page = await api.GetAsync<Page<FocusGroupDetails>>($"/api/v1/projects/{projectId}/focus-groups?limit={PageSize}", cancellationToken);
        return new(page.Value?.Items, page.Problem);
    }

    public Task<ApiResult<FocusGroupDetails>> CreateAsync(Guid projectId, FocusGroupDraft draft, CancellationToken cancellationToken) =>
        api.SendAsync<FocusGroupDetails>(HttpMethod.Post, $"/api/v1/projects/{projectId}/focus-groups", draft, cancellationToken);

    public Task<ApiResult<FocusGroupDetails>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        api.GetAsync<FocusGroupDetails>($"/api/v1/focus-groups/{id}", cancellationToken);

    public Task<ApiResult<JobAccepted>> RunAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<JobAccepted>(HttpMethod.Post, $"/api/v1/focus-groups/{id}/run", new { }, cancellationToken);

    /// <summary>The last run's whole transcript, page by page.</summary>
    public async Task<ApiResult<IReadOnlyList<TranscriptTurn>>> TranscriptAsync(Guid id, CancellationToken cancellationToken)
    {
        var turns = new List<TranscriptTurn>();
        string? cursor = null;
        do
        {
            var query = cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}";
            var page = await api.GetAsync<TranscriptPage>($"/api/v1/focus-groups/{id}/transcript?limit={TranscriptPageSize}{query}", cancellationToken);
            if (page.Problem is not null)
            {
                return page.Problem;
            }

            turns.AddRange(page.Value!.Items);
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);
        return new(turns, null);
    }

    public Task<ApiResult<DiscussionGraph>> GraphAsync(Guid id, CancellationToken cancellationToken) =>
        api.GetAsync<DiscussionGraph>($"/api/v1/focus-groups/{id}/graph", cancellationToken);

    public async Task<ApiResult<(FocusGroupInsights Insights, FocusGroupStatistics? Statistics)>> InsightsAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await api.GetAsync<FocusGroupInsights>($"/api/v1/focus-groups/{id}/insights", cancellationToken);
        if (result.Value is not { } insights)
        {
            return new(default, result.Problem);
        }

        return new((insights, insights.Statistics.Deserialize<FocusGroupStatistics>(JsonSerializerOptions.Web)), null);
    }
}

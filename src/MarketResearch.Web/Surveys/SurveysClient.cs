using MarketResearch.Web.Api;
using MarketResearch.Web.Jobs;

namespace MarketResearch.Web.Surveys;

/// <summary>/api/v1 surveys: list, create, run and results.</summary>
public sealed class SurveysClient(ApiClient api)
{
    private const int PageSize = 50;

    public async Task<ApiResult<IReadOnlyList<SurveyDetails>>> ListAsync(Guid projectId, CancellationToken cancellationToken)
    {
        var page = await api.GetAsync<Page<SurveyDetails>>($"/api/v1/projects/{projectId}/surveys?limit={PageSize}", cancellationToken);
        return new(page.Value?.Items, page.Problem);
    }

    public Task<ApiResult<SurveyDetails>> CreateAsync(Guid projectId, SurveyDraft draft, CancellationToken cancellationToken) =>
        api.SendAsync<SurveyDetails>(HttpMethod.Post, $"/api/v1/projects/{projectId}/surveys", draft, cancellationToken);

    public Task<ApiResult<SurveyDetails>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        api.GetAsync<SurveyDetails>($"/api/v1/surveys/{id}", cancellationToken);

    public Task<ApiResult<JobAccepted>> RunAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<JobAccepted>(HttpMethod.Post, $"/api/v1/surveys/{id}/run", new { }, cancellationToken);

    public Task<ApiResult<SurveyResults>> ResultsAsync(Guid id, CancellationToken cancellationToken) =>
        api.GetAsync<SurveyResults>($"/api/v1/surveys/{id}/results", cancellationToken);
}

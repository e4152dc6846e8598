using MarketResearch.Web.Api;
using MarketResearch.Web.Jobs;

namespace MarketResearch.Web.Personas;

public sealed record GenerationOptions(int Count, bool Adversarial, long? Seed, bool UseKnowledge);

/// <summary>Persona panels through the API: generation as a job, the saved personas, one persona.</summary>
public sealed class PersonasClient(ApiClient api)
{
    private const int PageSize = 100;

    /// <summary>The most personas the gallery loads at once (a panel has at most 1000).</summary>
    private const int MaxLoaded = 1000;

    public Task<ApiResult<JobAccepted>> GenerateAsync(Guid projectId, GenerationOptions options, CancellationToken cancellationToken) =>
        api.SendAsync<JobAccepted>(HttpMethod.Post, $"/api/v1/projects/{projectId}/personas/generate",
            new { count = options.Count, adversarial = options.Adversarial, seed = options.Seed, useKnowledge = options.UseKnowledge }, cancellationToken);

    public Task<ApiResult<PersonaDetails>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        api.GetAsync<PersonaDetails>($"/api/v1/personas/{id}", cancellationToken);

    /// <summary>
    /// The project's personas that pass the filter, newest first. The API does not filter yet, so the filter runs
    /// here over the loaded panel; when it does, send <see cref="PersonaFilter.ToQuery"/> instead and drop the Where.
    /// </summary>
    public async Task<ApiResult<IReadOnlyList<PersonaDetails>>> ListAsync(Guid projectId, PersonaFilter filter, CancellationToken cancellationToken)
    {
        var all = new List<PersonaDetails>();
        string? cursor = null;
        do
        {
            var path = $"/api/v1/projects/{projectId}/personas?limit={PageSize}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await api.GetAsync<Page<PersonaDetails>>(path, cancellationToken);
            if (!page.Succeeded)
            {
                return page.Problem!;
            }

            all.AddRange(page.Value!.Items);
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null && all.Count < MaxLoaded);

        return new ApiResult<IReadOnlyList<PersonaDetails>>(all.Where(filter.Matches).ToList(), null);
    }
}

using System.Net.Http.Headers;
using MarketResearch.Web.Api;

namespace MarketResearch.Web.Knowledge;

/// <summary>/api/v1 knowledge: a project's documents (upload, list, delete) and search over them.</summary>
public sealed class KnowledgeClient(ApiClient api)
{
    private const int PageSize = 100;

    /// <summary>The API's multipart field for the file.</summary>
    private const string FileField = "file";

    public async Task<ApiResult<IReadOnlyList<DocumentDetails>>> ListAsync(Guid projectId, CancellationToken cancellationToken)
    {
        var page = await api.GetAsync<Page<DocumentDetails>>($"/api/v1/projects/{projectId}/documents?limit={PageSize}", cancellationToken);
        return new(page.Value?.Items, page.Problem);
    }

    /// <summary>Streams the file on to the API as it arrives from the browser: it is never held whole in memory here.</summary>
    public async Task<ApiResult<DocumentDetails>> UploadAsync(Guid projectId, string fileName, string? contentType, Stream file, CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, FileField, fileName);
        return await api.SendContentAsync<DocumentDetails>(HttpMethod.Post, $"/api/v1/projects/{projectId}/documents", content, cancellationToken);
    }

    public Task<ApiProblem?> DeleteAsync(Guid documentId, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Delete, $"/api/v1/documents/{documentId}", null, cancellationToken);

    public Task<ApiResult<KnowledgeSearchResults>> SearchAsync(Guid projectId, string query, int? top, CancellationToken cancellationToken) =>
        api.SendAsync<KnowledgeSearchResults>(HttpMethod.Post, $"/api/v1/projects/{projectId}/knowledge/search", new { query, top }, cancellationToken);
}

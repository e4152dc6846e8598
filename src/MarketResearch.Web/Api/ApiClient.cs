using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MarketResearch.Web.Account;

namespace MarketResearch.Web.Api;

/// <summary>
/// Calls /api/v1 with the signed-in user's access token (refreshed by <see cref="ApiSession"/>). Refusals come
/// back as <see cref="ApiProblem"/>; a session the API no longer accepts throws <see cref="SessionExpiredException"/>.
/// A read the page's prerender already made is answered from <see cref="PrerenderedAnswers"/> once, without a call.
/// </summary>
public sealed class ApiClient(HttpClient http, ApiSession session, PrerenderedAnswers prerendered)
{
    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        if (method == HttpMethod.Get && prerendered.TryTake(path, out var answer))
        {
            return new ApiResult<T>(answer.Deserialize<T>(JsonSerializerOptions.Web), null);
        }

        try
        {
            using var response = await SendRawAsync(method, path, body, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return await ProblemAsync(response, cancellationToken);
            }

            if (method != HttpMethod.Get || !prerendered.IsRecording)
            {
                return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken), null);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var read = JsonSerializer.Deserialize<JsonElement>(bytes);
            prerendered.Record(path, read, bytes.Length);
            return new ApiResult<T>(read.Deserialize<T>(JsonSerializerOptions.Web), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ApiProblem.Unreachable;
        }
    }

    /// <summary>Sends a prepared body (a multipart upload streamed from the browser) instead of JSON.</summary>
    public async Task<ApiResult<T>> SendContentAsync<T>(HttpMethod method, string path, HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendRawAsync(method, path, null, HttpCompletionOption.ResponseContentRead, cancellationToken,
                request => request.Content = content);
            if (!response.IsSuccessStatusCode)
            {
                return await ProblemAsync(response, cancellationToken);
            }

            return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ApiProblem.Unreachable;
        }
    }

    /// <summary>For answers without a body (204): null on success, otherwise the problem.</summary>
    public async Task<ApiProblem?> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendRawAsync(method, path, body, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return response.IsSuccessStatusCode ? null : await ProblemAsync(response, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ApiProblem.Unreachable;
        }
    }

    /// <summary>Opens a streaming response (Server-Sent Events); the caller disposes it.</summary>
    public Task<HttpResponseMessage> OpenStreamAsync(string path, string? lastEventId, CancellationToken cancellationToken) =>
        SendRawAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken, request =>
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }
        });

    /// <summary>Opens a download (headers read, body not yet): the caller streams it on and disposes it.</summary>
    public Task<HttpResponseMessage> OpenDownloadAsync(string path, CancellationToken cancellationToken) =>
        SendRawAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method, string path, object? body, HttpCompletionOption completion, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? configure = null)
    {
        if (method != HttpMethod.Get)
        {
            // A write changes what the API would answer: reads after it must not see the prerender's answers.
            prerendered.Forget();
        }

        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            await session.AccessTokenAsync(cancellationToken) ?? throw new SessionExpiredException());
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        }

        configure?.Invoke(request);
        var response = await http.SendAsync(request, completion, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new SessionExpiredException();
        }

        return response;
    }

    private static async Task<ApiProblem> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return ApiProblem.From(response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
        }
        catch (JsonException)
        {
            return ApiProblem.From(response.StatusCode, default);
        }
    }
}

/// <summary>The API no longer accepts this browser session: the user signs in again.</summary>
public sealed class SessionExpiredException() : Exception("The session has expired; sign in again.");

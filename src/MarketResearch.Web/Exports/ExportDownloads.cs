using MarketResearch.Web.Api;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Net.Http.Headers;

namespace MarketResearch.Web.Exports;

/// <summary>
/// Project exports for the browser, which holds only the cookie: this server asks the API with the user's token
/// and copies the answer through as it arrives (an export can be large; nothing is held whole in memory).
/// </summary>
internal static class ExportDownloads
{
    public static IEndpointRouteBuilder MapExportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/projects/{id:guid}/export/download", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static async Task DownloadAsync(
        Guid id, string? format, HttpContext http, AuthenticationStateProvider authentication, ApiClient api, CancellationToken cancellationToken)
    {
        if (!ExportFormatChoice.IsKnown(format))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("Unknown export format.", cancellationToken);
            return;
        }

        // Outside a Blazor circuit the provider has no state yet: it is this request's cookie user.
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
        }

        HttpResponseMessage upstream;
        try
        {
            upstream = await api.OpenDownloadAsync(ExportFormatChoice.ApiPath(id, format!), cancellationToken);
        }
        catch (SessionExpiredException)
        {
            http.Response.Redirect($"/account/login?returnUrl=/projects/{id}/exports");
            return;
        }
        catch (HttpRequestException)
        {
            http.Response.StatusCode = StatusCodes.Status502BadGateway;
            await http.Response.WriteAsync("The research service is unreachable; try again shortly.", cancellationToken);
            return;
        }

        using (upstream)
        {
            http.Response.StatusCode = (int)upstream.StatusCode;
            if (!upstream.IsSuccessStatusCode)
            {
                // Not a member (404) or a bad format (400): say so plainly, never pass the API's body through.
                await http.Response.WriteAsync("This export is not available.", cancellationToken);
                return;
            }

            http.Response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            if (upstream.Content.Headers.ContentDisposition is { } disposition)
            {
                http.Response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
            }

            http.Response.Headers.CacheControl = "no-store";
            await using var body = await upstream.Content.ReadAsStreamAsync(cancellationToken);
            await body.CopyToAsync(http.Response.Body, cancellationToken);
        }
    }
}

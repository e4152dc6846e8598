using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MarketResearch.Web.Account;

public sealed record ApiTokens(string AccessToken, string RefreshToken, int ExpiresIn);

/// <summary>A sign-in's answer; when a second factor is required, the ticket stands in for the password at the code step.</summary>
public sealed record SignInResult(ApiTokens? Tokens, string? Error, bool MfaRequired, string? MfaTicket = null);

/// <summary>The web app's calls to /api/v1/auth; tokens never leave the server.</summary>
public sealed class AuthApiClient(HttpClient http)
{
    public Task<SignInResult> LoginAsync(string email, string password, string? mfaCode, CancellationToken cancellationToken) =>
        SignInAsync(new { email, password, mfaCode }, cancellationToken);

    /// <summary>The code step: the API's ticket from the password step, never the password again.</summary>
    public Task<SignInResult> CompleteSecondFactorAsync(string email, string mfaTicket, string mfaCode, CancellationToken cancellationToken) =>
        SignInAsync(new { email, mfaTicket, mfaCode }, cancellationToken);

    private async Task<SignInResult> SignInAsync(object request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new SignInResult(await response.Content.ReadFromJsonAsync<ApiTokens>(cancellationToken), null, false);
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        var mfaRequired = problem.ValueKind == JsonValueKind.Object
            && problem.TryGetProperty("mfaRequired", out var flag) && flag.ValueKind == JsonValueKind.True;
        var ticket = mfaRequired && problem.TryGetProperty("mfaTicket", out var issued) && issued.ValueKind == JsonValueKind.String
            ? issued.GetString()
            : null;
        return new SignInResult(null, Describe(response.StatusCode, problem), mfaRequired, ticket);
    }

    /// <summary>Null on success, otherwise a message with the field errors the API gave.</summary>
    public async Task<string?> RegisterAsync(string email, string password, string displayName, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName }, cancellationToken);
        return response.IsSuccessStatusCode ? null : Describe(response.StatusCode, await ReadProblemAsync(response, cancellationToken));
    }

    public async Task<ApiTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken }, cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ApiTokens>(cancellationToken) : null;
    }

    public Task LogoutAsync(string accessToken, CancellationToken cancellationToken) =>
        PostWithTokenAsync("/api/v1/auth/logout", accessToken, cancellationToken);

    public Task LogoutEverywhereAsync(string accessToken, CancellationToken cancellationToken) =>
        PostWithTokenAsync("/api/v1/auth/logout-all", accessToken, cancellationToken);

    private async Task PostWithTokenAsync(string path, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var _ = await http.SendAsync(request, cancellationToken);
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string Describe(HttpStatusCode status, JsonElement problem)
    {
        if (status == HttpStatusCode.TooManyRequests)
        {
            return "Too many attempts. Wait a minute and try again.";
        }

        if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var errors))
        {
            return string.Join(" ", errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(message => message.GetString())));
        }

        return problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("title", out var title)
            ? title.GetString() ?? "The request failed."
            : "The service did not answer. Try again in a moment.";
    }
}

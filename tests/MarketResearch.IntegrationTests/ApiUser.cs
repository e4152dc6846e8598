using System.Net.Http.Headers;
using System.Text.Json;

namespace MarketResearch.IntegrationTests;

/// <summary>A freshly registered account and an API client that sends its access token.</summary>
public sealed class ApiUser : IDisposable
{
    public const string Password = "correct horse battery staple";

    private ApiUser(HttpClient client, string email, TokenPair tokens)
    {
        Client = client;
        Email = email;
        Tokens = tokens;
    }

    public HttpClient Client { get; }
    public string Email { get; }
    public TokenPair Tokens { get; private set; }

    public static async Task<ApiUser> RegisterAsync(LocalStackFixture stack, string? displayName = null)
    {
        var client = stack.CreateClient("api");
        var email = $"user-{Guid.NewGuid():N}@example.test";
        var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = displayName ?? "Test researcher" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var tokens = await LoginAsync(client, email, Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return new ApiUser(client, email, tokens);
    }

    public static async Task<TokenPair> LoginAsync(HttpClient client, string email, string password, string? mfaCode = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password, mfaCode });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TokenPair>())!;
    }

    public void UseToken(string accessToken) =>
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

    public async Task<Guid> Id() => (await Client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me")).GetProperty("id").GetGuid();

    public async Task<Guid> CreateProjectAsync(string name = "A project")
    {
        var response = await Client.PostAsJsonAsync("/api/v1/projects", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public void Dispose() => Client.Dispose();
}

public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType);

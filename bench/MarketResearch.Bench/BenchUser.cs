using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace MarketResearch.Bench;

/// <summary>A registered, signed-in account and an API client carrying its token.</summary>
internal sealed class BenchUser(HttpClient api, Guid id) : IDisposable
{
    private const string Password = "benchmark passphrase that is long";

    public HttpClient Api { get; } = api;
    public Guid Id { get; } = id;

    public static async Task<BenchUser> RegisterAsync(BenchStack stack)
    {
        var api = stack.App.CreateHttpClient("api");
        var email = $"bench-{Guid.NewGuid():N}@example.test";
        (await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Bench" })).EnsureSuccessStatusCode();
        var login = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        return new BenchUser(api, me.GetProperty("id").GetGuid());
    }

    public async Task<Guid> CreateProjectAsync(object project) =>
        (await (await Api.PostAsJsonAsync("/api/v1/projects", project)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    public Task<JsonElement> WaitForJobAsync(Guid jobId) => JobFollower.WaitAsync(Api, jobId);

    public void Dispose() => Api.Dispose();
}

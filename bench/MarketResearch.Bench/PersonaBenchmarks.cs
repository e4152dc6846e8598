using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace MarketResearch.Bench;

/// <summary>The research engine's bar: 1,000 personas end to end (API → queue → worker → Postgres) with the offline provider.</summary>
internal static class PersonaBenchmarks
{
    private const string Password = "benchmark passphrase that is long";

    public static async Task RunAsync(BenchStack stack)
    {
        using var api = stack.App.CreateHttpClient("api");
        var email = $"personas-{Guid.NewGuid():N}@example.test";
        (await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Bench" })).EnsureSuccessStatusCode();
        var login = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var project = await (await api.PostAsJsonAsync("/api/v1/projects", new
        {
            name = "Bench panel",
            audience = new { distributions = new Dictionary<string, Dictionary<string, double>> { ["age"] = new() { ["18-34"] = 0.4, ["35-54"] = 0.35, ["55+"] = 0.25 } } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var projectId = project.GetProperty("id").GetGuid();

        foreach (var count in new[] { 20, 1000 })
        {
            var started = Stopwatch.StartNew();
            var accepted = await (await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/personas/generate", new { count, seed = 1 })).Content.ReadFromJsonAsync<JsonElement>();
            var jobId = accepted.GetProperty("jobId").GetGuid();
            var job = await JobFollower.WaitAsync(api, jobId);

            Console.WriteLine($"{count} personas, offline provider, API → queue → worker → Postgres: {job.GetProperty("status").GetString()} in {started.Elapsed.TotalSeconds:0.00} s");
        }

        var page = Stopwatch.StartNew();
        for (var round = 0; round < 200; round++)
        {
            (await api.GetAsync($"/api/v1/projects/{projectId}/personas?limit=25")).EnsureSuccessStatusCode();
        }

        Console.WriteLine($"GET a page of 25 personas (1,020 in the project): mean {page.Elapsed.TotalMilliseconds / 200:0.0} ms");
    }
}

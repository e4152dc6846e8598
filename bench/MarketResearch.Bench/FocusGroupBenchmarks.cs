using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace MarketResearch.Bench;

/// <summary>The focus-group bar: 100 personas × 5 questions end to end (API → queue → worker → Postgres) with the offline provider, ≤ 30 s.</summary>
internal static class FocusGroupBenchmarks
{
    private const string Password = "benchmark passphrase that is long";
    private const int Personas = 100;

    private static readonly string[] Questions =
    [
        "What do you think about a meal-kit subscription for 39 zł a week?",
        "What worries you most about ordering food online?",
        "Would you recommend a meal-kit service to your friends?",
        "What would make you cancel such a subscription?",
        "How should the service be improved?",
    ];

    public static async Task RunAsync(BenchStack stack)
    {
        using var api = stack.App.CreateHttpClient("api");
        var email = $"focus-{Guid.NewGuid():N}@example.test";
        (await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Bench" })).EnsureSuccessStatusCode();
        var login = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var project = await (await api.PostAsJsonAsync("/api/v1/projects", new
        {
            name = "Bench focus group",
            audience = new { distributions = new Dictionary<string, Dictionary<string, double>> { ["age"] = new() { ["18-34"] = 0.4, ["35-54"] = 0.35, ["55+"] = 0.25 } } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var projectId = project.GetProperty("id").GetGuid();

        var generated = await (await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/personas/generate", new { count = Personas, seed = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        await WaitAsync(api, generated.GetProperty("jobId").GetGuid());
        var personaIds = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=100" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            personaIds.AddRange(page.GetProperty("items").EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        foreach (var followUps in new[] { false, true })
        {
            var created = await (await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/focus-groups",
                new { name = "Bench", personaIds, questions = Questions, moderatorFollowUps = followUps })).Content.ReadFromJsonAsync<JsonElement>();
            var started = Stopwatch.StartNew();
            var run = await (await api.PostAsync($"/api/v1/focus-groups/{created.GetProperty("id").GetGuid()}/run", null)).Content.ReadFromJsonAsync<JsonElement>();
            var status = await WaitAsync(api, run.GetProperty("jobId").GetGuid());
            Console.WriteLine($"focus group {personaIds.Count} personas × {Questions.Length} questions{(followUps ? " + moderator follow-ups" : string.Empty)}, offline provider, API → queue → worker → Postgres: {status} in {started.Elapsed.TotalSeconds:0.00} s");
        }
    }

    private static async Task<string> WaitAsync(HttpClient api, Guid jobId)
    {
        var job = await JobFollower.WaitAsync(api, jobId);

        return job.GetProperty("status").GetString()!;
    }
}

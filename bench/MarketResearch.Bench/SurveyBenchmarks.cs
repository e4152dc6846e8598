using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace MarketResearch.Bench;

/// <summary>Surveys end to end with the offline provider: 10 personas × 10 questions (original target &lt; 60 s) and 100 × 10.</summary>
internal static class SurveyBenchmarks
{
    private const string Password = "benchmark passphrase that is long";
    private const int QuestionCount = 10;

    public static async Task RunAsync(BenchStack stack)
    {
        using var api = stack.App.CreateHttpClient("api");
        var email = $"surveys-{Guid.NewGuid():N}@example.test";
        (await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Bench" })).EnsureSuccessStatusCode();
        var login = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var project = await (await api.PostAsJsonAsync("/api/v1/projects", new
        {
            name = "Bench survey panel",
            audience = new
            {
                distributions = new Dictionary<string, Dictionary<string, double>>
                {
                    ["age"] = new() { ["18-34"] = 0.4, ["35-54"] = 0.35, ["55+"] = 0.25 },
                    ["gender"] = new() { ["female"] = 0.5, ["male"] = 0.5 },
                    ["income"] = new() { ["low"] = 0.3, ["middle"] = 0.5, ["high"] = 0.2 },
                    ["location"] = new() { ["urban"] = 0.7, ["rural"] = 0.3 },
                },
            },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var projectId = project.GetProperty("id").GetGuid();
        await WaitAsync(api, await (await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/personas/generate", new { count = 100, seed = 3 })).Content.ReadFromJsonAsync<JsonElement>());
        var personas = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=100")).GetProperty("items")
            .EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()).ToList();

        foreach (var count in new[] { 10, 100 })
        {
            var created = await (await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/surveys",
                new { name = $"Bench {count} × {QuestionCount}", questions = Questions(), personaIds = personas.Take(count) })).Content.ReadFromJsonAsync<JsonElement>();
            var surveyId = created.GetProperty("id").GetGuid();

            var started = Stopwatch.StartNew();
            var job = await WaitAsync(api, await (await api.PostAsync($"/api/v1/surveys/{surveyId}/run", null)).Content.ReadFromJsonAsync<JsonElement>());
            var run = started.Elapsed;
            var results = Stopwatch.StartNew();
            (await api.GetAsync($"/api/v1/surveys/{surveyId}/results")).EnsureSuccessStatusCode();
            Console.WriteLine($"survey {count} personas × {QuestionCount} questions, offline, API → queue → worker → Postgres: {job.GetProperty("status").GetString()} in {run.TotalSeconds:0.00} s " +
                $"({job.GetProperty("result").GetProperty("answers").GetInt32()} answers, asked again {job.GetProperty("result").GetProperty("askedAgain").GetInt32()}); " +
                $"GET results {results.Elapsed.TotalMilliseconds:0} ms");
        }
    }

    private static object[] Questions() =>
    [
        new { type = "singleChoice", text = "Which plan would you pick?", options = new[] { "Basic", "Standard", "Premium" } },
        new { type = "singleChoice", text = "How often do you cook at home?", options = new[] { "Never", "Weekly", "Most days", "Always" } },
        new { type = "multipleChoice", text = "What matters in a meal kit?", options = new[] { "Price", "Taste", "Healthy recipes", "Less food waste", "Speed" }, maxSelections = 3 },
        new { type = "multipleChoice", text = "Where do you buy groceries?", options = new[] { "Discount store", "Supermarket", "Local market", "Online" } },
        new { type = "ratingScale", text = "How likely are you to try it?", min = 1, max = 5 },
        new { type = "ratingScale", text = "How likely are you to recommend it to friends?", min = 0, max = 10 },
        new { type = "ratingScale", text = "How satisfied are you with your current groceries?", min = 1, max = 7 },
        new { type = "openText", text = "What would stop you from subscribing?" },
        new { type = "openText", text = "What would make the meal kit worth its price?" },
        new { type = "openText", text = "Describe your ideal weekday dinner." },
    ];

    private static async Task<JsonElement> WaitAsync(HttpClient api, JsonElement accepted)
    {
        var jobId = accepted.GetProperty("jobId").GetGuid();
        return await JobFollower.WaitAsync(api, jobId);
    }
}

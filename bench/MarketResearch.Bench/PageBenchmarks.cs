using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace MarketResearch.Bench;

/// <summary>
/// "Every page interactive in under 1 s": Debian's Chromium (headless) loads each page of the web app afresh and the
/// clock runs from the navigation until the Blazor circuit is up (main[data-interactive]) and the page shows its data.
/// Each page is loaded once to warm up, then <see cref="Samples"/> times.
/// </summary>
internal static class PageBenchmarks
{
    private const int Samples = 5;
    private const int Personas = 8;
    private const double BarMilliseconds = 1000;
    private const string Password = "benchmark passphrase that is long";

    public static async Task RunAsync(BenchStack stack)
    {
        var email = $"pages-{Guid.NewGuid():N}@example.test";
        using var api = stack.App.CreateHttpClient("api");
        (await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Bench pages" })).EnsureSuccessStatusCode();
        var login = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        var data = await SeedAsync(api);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        await using var context = await browser.NewContextAsync(new() { BaseURL = stack.App.GetEndpoint("web", "http").ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/projects");

        var pages = new (string Path, string Ready)[]
        {
            ("/projects", "table.projects"),
            ("/projects/new", "[data-testid=quota-preview]"),
            ($"/projects/{data.ProjectId}", "[data-testid=quota-preview]"),
            ($"/projects/{data.ProjectId}/edit", "[data-testid=project-form]"),
            ($"/projects/{data.ProjectId}/members", "[data-testid=members]"),
            ($"/projects/{data.ProjectId}/personas", "[data-testid=fit-chart]"),
            ($"/projects/{data.ProjectId}/personas/generate", "[data-testid=generate-form]"),
            ($"/personas/{data.PersonaId}", "figure[data-chart=radar]"),
            ($"/projects/{data.ProjectId}/focus-groups", "[data-testid=focus-groups]"),
            ($"/focus-groups/{data.FocusGroupId}", "[data-testid=focus-group-results]"),
            ($"/focus-groups/{data.FocusGroupId}/graph", "[data-testid=concept-graph]"),
            ($"/projects/{data.ProjectId}/surveys", "[data-testid=surveys]"),
            ($"/surveys/{data.SurveyId}", "[data-testid=survey-results]"),
            ($"/projects/{data.ProjectId}/knowledge", "[data-testid=search-form]"),
            ($"/projects/{data.ProjectId}/exports", "[data-testid=exports]"),
            ("/account/security", "[data-testid=mfa]"),
        };
        await using var apiCalls = WebApiCalls.Watch(stack);
        Console.WriteLine($"pages: load average before {BenchStack.LoadAverage()}");
        var worst = 0.0;
        var all = new List<TimeSpan>();
        var totalCalls = 0L;
        foreach (var (path, ready) in pages)
        {
            await InteractiveAsync(page, path, ready);
            var callsBefore = await apiCalls.SettledAsync();
            var cpuBefore = ServerCpu(stack);
            var samples = new List<TimeSpan>();
            var shown = new List<TimeSpan>();
            for (var sample = 0; sample < Samples; sample++)
            {
                var (content, interactive) = await InteractiveAsync(page, path, ready);
                shown.Add(content);
                samples.Add(interactive);
            }

            var serverCpu = (ServerCpu(stack) - cpuBefore) / Samples;
            var callsAfter = await apiCalls.SettledAsync();
            var calls = (double)(callsAfter - callsBefore) / Samples;
            totalCalls += (long)Math.Round(calls * Samples);
            var latencies = new Latencies(samples);
            worst = Math.Max(worst, latencies.Percentile(50));
            all.AddRange(samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"page {Shape(path)}: interactive with its data {latencies.Describe()}; prerendered data shown p50 {new Latencies(shown).Percentile(50):0} ms; " +
                $"{calls:0.#} API calls and web+api CPU {serverCpu.TotalMilliseconds:0} ms per load"));
            if (Environment.GetEnvironmentVariable("BENCH_PAGES_CALLS") == "1")
            {
                // Which calls: each distinct one with how many times per load it was made.
                foreach (var call in apiCalls.Since(callsBefore).Select(Shape).GroupBy(call => call).OrderByDescending(group => group.Count()))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {(double)call.Count() / Samples:0.#} × {call.Key}"));
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pages: all {pages.Length} pages {new Latencies(all).Describe()}; {(double)totalCalls / (pages.Length * Samples):0.0} API calls per load; " +
            $"slowest page p50 {worst:0} ms (bar {BarMilliseconds:0} ms: {(worst < BarMilliseconds ? "met" : "missed")}); load average after {BenchStack.LoadAverage()}"));
    }

    /// <summary>
    /// From a fresh navigation (a new circuit) to the prerendered data on screen, and to the circuit's own render of the
    /// page with its data (the ready element inside main[data-interactive], so a prerendered copy does not count).
    /// </summary>
    private static async Task<(TimeSpan Content, TimeSpan Interactive)> InteractiveAsync(IPage page, string path, string ready)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator(ready).First.WaitForAsync();
        var content = clock.Elapsed;
        await page.Locator($"main[data-interactive] {ready}").First.WaitForAsync();
        return (content, clock.Elapsed);
    }

    /// <summary>CPU the web app and the API have used so far: a load-independent cost of serving a page.</summary>
    private static TimeSpan ServerCpu(BenchStack stack) => (stack.CpuTimeOf("web") ?? TimeSpan.Zero) + (stack.CpuTimeOf("api") ?? TimeSpan.Zero);

    private static string Shape(string path) =>
        (path.StartsWith('/') ? "/" : string.Empty) + string.Join("/", path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => Guid.TryParse(part, out _) ? "{id}" : part));

    private sealed record Seeded(Guid ProjectId, Guid PersonaId, Guid FocusGroupId, Guid SurveyId);

    private static async Task<Seeded> SeedAsync(HttpClient api)
    {
        var projectId = (await (await api.PostAsJsonAsync("/api/v1/projects", new { name = "Bench pages" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await RunAsync(api, await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/personas/generate", new { count = Personas, seed = 5 }));
        var personaIds = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=100")).GetProperty("items")
            .EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()).ToList();
        var focusGroupId = (await (await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/focus-groups", new
        {
            name = "Bench pages",
            personaIds,
            questions = new[] { "What do you think of a meal kit at 29 zł a week?", "What would make you cancel it?" },
            moderatorFollowUps = true,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await RunAsync(api, await api.PostAsync($"/api/v1/focus-groups/{focusGroupId}/run", null));
        var surveyId = (await (await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/surveys", new
        {
            name = "Bench pages",
            personaIds,
            questions = new object[]
            {
                new { type = "singleChoice", text = "Which plan would you pick?", options = new[] { "Basic", "Standard", "Premium" } },
                new { type = "ratingScale", text = "How likely are you to try it?", min = 1, max = 5 },
            },
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await RunAsync(api, await api.PostAsync($"/api/v1/surveys/{surveyId}/run", null));
        return new Seeded(projectId, personaIds[0], focusGroupId, surveyId);
    }

    private static async Task RunAsync(HttpClient api, HttpResponseMessage accepted)
    {
        var jobId = (await accepted.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        var job = await JobFollower.WaitAsync(api, jobId);

        if (job.GetProperty("status").GetString() != "Succeeded")
        {
            throw new InvalidOperationException($"Seeding job {jobId} ended {job.GetProperty("status")}.");
        }
    }
}

using System.Text.Json;
using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

[Collection(LocalStackCollection.Name)]
public sealed class SmallScreenTests(LocalStackFixture stack, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const int PhoneWidth = 375;
    private const int PhoneHeight = 812;
    private static readonly TimeSpan GenerationTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Every_page_fits_a_375_pixel_wide_screen_without_horizontal_scrolling()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync($"Phone {Guid.NewGuid():N}");
        var personaId = await GeneratePanelAsync(owner, projectId);
        await using var browser = await BrowserPage.OpenAsync(chromium, stack, PhoneWidth, PhoneHeight);
        var page = browser.Page;
        await WebFlows.SignInAsync(browser, owner.Email);

        var pages = new (string Path, string Ready)[]
        {
            ("/projects", "table.projects"),
            ("/projects/new", "[data-testid=quota-preview]"),
            ($"/projects/{projectId}", "[data-testid=quota-preview]"),
            ($"/projects/{projectId}/edit", "[data-testid=project-form]"),
            ($"/projects/{projectId}/members", "[data-testid=members]"),
            ($"/projects/{projectId}/personas", "[data-testid=fit-chart]"),
            ($"/projects/{projectId}/personas/generate", "[data-testid=generate-form]"),
            ($"/personas/{personaId}", "figure[data-chart=radar]"),
            ($"/projects/{projectId}/knowledge", "[data-testid=search-form]"),
            ("/account/security", "[data-testid=mfa]"),
        };
        foreach (var (path, ready) in pages)
        {
            await browser.GotoAsync(path);
            await page.Locator(ready).First.WaitForAsync();
            if (path == "/projects/new")
            {
                // The widest state of the audience builder: every category targeted.
                foreach (var checkbox in await page.Locator(".category-head input[type=checkbox]").AllAsync())
                {
                    await checkbox.CheckAsync();
                }
            }

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            await browser.ScreenshotAsync($"{Array.IndexOf(pages, (path, ready))}-{ScreenName(path)}");
            Assert.True(overflow <= 0, $"{path} scrolls horizontally by {overflow}px at {PhoneWidth}px wide.");
        }

        browser.AssertNoConsoleErrors();
    }

    /// <summary>The path with ids replaced, so screenshot names stay the same from run to run.</summary>
    private static string ScreenName(string path) =>
        string.Join("-", path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part => Guid.TryParse(part, out _) ? "id" : part));

    internal static async Task<Guid> GeneratePanelAsync(ApiUser owner, Guid projectId)
    {
        var started = await owner.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/personas/generate", new { count = 8, adversarial = true });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        await TestJobs.WaitForStatusAsync(owner.Client, jobId, GenerationTimeout, "Succeeded");
        var personas = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas");
        return personas.GetProperty("items")[0].GetProperty("id").GetGuid();
    }
}

using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

[Collection(LocalStackCollection.Name)]
public sealed class ResearchJourneyTests(LocalStackFixture stack, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const int PanelSize = 20;
    private static readonly TimeSpan GenerationTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Sign_up_then_create_a_project_with_an_audience_generate_20_personas_and_open_one()
    {
        await using var browser = await BrowserPage.OpenAsync(chromium, stack);
        var page = browser.Page;
        await WebFlows.SignUpAsync(browser);

        await page.GetByTestId("new-project").ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Cycling commuters");
        await page.Locator("#enable-gender").CheckAsync();
        await page.GetByTestId("weight-gender-0").FillAsync("60");
        var genderErrors = page.Locator("section[data-category=gender] .field-error");
        await Assertions.Expect(genderErrors).ToContainTextAsync("sum to 1");
        await Assertions.Expect(page.GetByTestId("total-gender")).ToHaveTextAsync("109%");
        await page.GetByTestId("weight-gender-1").FillAsync("40");
        await Assertions.Expect(genderErrors).ToHaveCountAsync(0);
        await page.GetByTestId("panel-size").FillAsync(PanelSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The preview must equal what generation will allocate: the same QuotaAllocator on the same shares.
        var expected = QuotaAllocator.Allocate(new Dictionary<string, double> { ["female"] = 0.6, ["male"] = 0.4 }, PanelSize);
        await Assertions.Expect(page.Locator("table.quota-table[data-category=gender] td[data-quota=female]")).ToHaveTextAsync(expected["female"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await browser.ScreenshotAsync("1-audience-builder");
        await page.GetByTestId("save-project").ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Cycling commuters");
        var projectPath = new Uri(page.Url).AbsolutePath;
        await page.GetByTestId("generate-personas").ClickAsync();
        await page.GetByLabel("How many personas").FillAsync(PanelSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("start-generation").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("generation-done")).ToBeVisibleAsync(new() { Timeout = (float)GenerationTimeout.TotalMilliseconds });
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "100");
        await Assertions.Expect(page.GetByTestId("fit-chart").Locator("figure[data-chart=bar]")).ToHaveCountAsync(AudienceCategories.All.Count);
        await Assertions.Expect(page.GetByTestId("offline-notice")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("2-generated");

        await page.GetByTestId("open-gallery").ClickAsync();
        await Assertions.Expect(page.GetByTestId("persona-count")).ToHaveAttributeAsync("data-count", PanelSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("persona-card")).ToHaveCountAsync(PanelSize);
        await Assertions.Expect(page.GetByTestId("fit-chart")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("3-gallery");

        // Quotas are exact, so the location filter finds exactly the rural quota of the locale's default mix.
        var rural = QuotaAllocator.Allocate(AudienceDefaults.For(AudienceCategories.Location, Locales.English), PanelSize)["rural"];
        await page.GetByLabel("Location", new() { Exact = true }).SelectOptionAsync("rural");
        await Assertions.Expect(page.GetByTestId("persona-card")).ToHaveCountAsync(rural);
        await page.GetByLabel("Location", new() { Exact = true }).SelectOptionAsync(string.Empty);
        await Assertions.Expect(page.GetByTestId("persona-card")).ToHaveCountAsync(PanelSize);

        var first = page.GetByTestId("persona-card").First.Locator("h2 a");
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("figure[data-chart=radar] polygon.radar-area")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("figure[data-chart=radar]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("headline")).Not.ToBeEmptyAsync();
        await browser.ScreenshotAsync("4-persona");

        await browser.GotoAsync(projectPath);
        await page.GetByRole(AriaRole.Link, new() { Name = "Focus groups", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-focus-groups")).ToBeVisibleAsync();
        await page.GetByTestId("create-focus-group").ClickAsync();
        await Assertions.Expect(page.Locator("#errors-name")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#errors-questions")).Not.ToBeEmptyAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Commute habits");
        await page.GetByLabel("Questions, one per line").FillAsync("What do you like about cycling to work?\nWhat would make you cycle more often?");
        await Assertions.Expect(page.GetByTestId("persona-picks").Locator("input:checked")).ToHaveCountAsync(PanelSize);
        await browser.ScreenshotAsync("5-focus-group-setup");
        await page.GetByTestId("create-focus-group").ClickAsync();
        await Assertions.Expect(page.GetByTestId("focus-group-status")).ToHaveAttributeAsync("data-status", "draft");
        await page.GetByTestId("run-focus-group").ClickAsync();
        await Assertions.Expect(page.GetByTestId("job-progress")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("focus-group-results")).ToBeVisibleAsync(new() { Timeout = (float)GenerationTimeout.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("focus-group-status")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(page.GetByTestId("focus-group-results").Locator("figure[data-chart=bar]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("segment-sentiment").Locator("tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("transcript").Locator("li")).ToHaveCountAsync(PanelSize * 2);
        await page.GetByTestId("open-graph").ClickAsync();
        await Assertions.Expect(page.GetByTestId("concept-graph")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("6-focus-group-results");

        await page.GetByRole(AriaRole.Link, new() { Name = "Surveys", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-surveys")).ToBeVisibleAsync();
        await page.GetByTestId("create-survey").ClickAsync();
        await Assertions.Expect(page.Locator("#errors-survey-name")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#errors-q-text-0")).Not.ToBeEmptyAsync();
        await page.GetByLabel("Survey name").FillAsync("Commute survey");
        await page.Locator("#q-text-0").FillAsync("How do you usually get to work?");
        await page.Locator("#q-options-0").FillAsync("Bike\nCar\nBus");
        await page.GetByTestId("add-question").ClickAsync();
        await page.Locator("#q-type-1").SelectOptionAsync("ratingScale");
        await page.Locator("#q-text-1").FillAsync("How safe do you feel cycling in your city?");
        await browser.ScreenshotAsync("7-survey-builder");
        await page.GetByTestId("create-survey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey-status")).ToBeVisibleAsync();
        await page.GetByTestId("run-survey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey-results")).ToBeVisibleAsync(new() { Timeout = (float)GenerationTimeout.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("survey-results").Locator("figure[data-chart=bar]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("cross-tab").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("8-survey-results");
        browser.AssertNoConsoleErrors();
    }
}

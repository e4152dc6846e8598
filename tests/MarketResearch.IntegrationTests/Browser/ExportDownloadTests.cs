using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

[Collection(LocalStackCollection.Name)]
public sealed class ExportDownloadTests(LocalStackFixture stack, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_member_downloads_the_report_through_the_web_app_and_a_stranger_gets_nothing()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var stranger = await ApiUser.RegisterAsync(stack, "Stranger");
        var name = $"Export {Guid.NewGuid():N}";
        var projectId = await owner.CreateProjectAsync(name);

        await using (var browser = await BrowserPage.OpenAsync(chromium, stack))
        {
            var page = browser.Page;
            await WebFlows.SignInAsync(browser, owner.Email);
            await browser.GotoAsync($"/projects/{projectId}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Exports", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("exports")).ToBeVisibleAsync();
            await browser.ScreenshotAsync("1-exports");

            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Link, new() { Name = "Download Markdown report" }).ClickAsync());
            Assert.EndsWith("-export.md", download.SuggestedFilename, StringComparison.Ordinal);
            var report = await File.ReadAllTextAsync(await download.PathAsync());
            Assert.Contains(name, report, StringComparison.Ordinal);

            var json = await page.APIRequest.GetAsync($"/projects/{projectId}/export/download?format=json");
            Assert.Equal(200, json.Status);
            Assert.StartsWith("application/json", json.Headers["content-type"], StringComparison.Ordinal);

            var unknown = await page.APIRequest.GetAsync($"/projects/{projectId}/export/download?format=pdf");
            Assert.Equal(400, unknown.Status);
            browser.AssertNoConsoleErrors();
        }

        await using var strangerBrowser = await BrowserPage.OpenAsync(chromium, stack);
        await WebFlows.SignInAsync(strangerBrowser, stranger.Email);
        var refused = await strangerBrowser.Page.APIRequest.GetAsync($"/projects/{projectId}/export/download?format=md");
        Assert.Equal(404, refused.Status);
        Assert.DoesNotContain(name, await refused.TextAsync(), StringComparison.Ordinal);
    }
}

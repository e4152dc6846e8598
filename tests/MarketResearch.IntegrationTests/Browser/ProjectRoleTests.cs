using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

[Collection(LocalStackCollection.Name)]
public sealed class ProjectRoleTests(LocalStackFixture stack, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_viewer_the_owner_added_sees_the_project_without_any_edit_or_generate_controls()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var viewer = await ApiUser.RegisterAsync(stack, "Viewer");
        var projectId = await owner.CreateProjectAsync($"Shared {Guid.NewGuid():N}");

        await using (var ownerBrowser = await BrowserPage.OpenAsync(chromium, stack))
        {
            var page = ownerBrowser.Page;
            await WebFlows.SignInAsync(ownerBrowser, owner.Email);
            await ownerBrowser.GotoAsync($"/projects/{projectId}/members");
            await page.GetByLabel("Email of a registered account").FillAsync("nobody-" + viewer.Email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
            await Assertions.Expect(page.Locator("#errors-email")).ToContainTextAsync("No account uses this email");
            await page.GetByLabel("Email of a registered account").FillAsync(viewer.Email);
            await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("viewer");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
            await Assertions.Expect(page.Locator($"tr[data-member='{viewer.Email}'] select")).ToHaveValueAsync("viewer");
            await Assertions.Expect(page.GetByTestId("edit-project")).ToHaveCountAsync(0);
            await ownerBrowser.ScreenshotAsync("1-owner-members");
            ownerBrowser.AssertNoConsoleErrors();
        }

        await using var browser = await BrowserPage.OpenAsync(chromium, stack);
        await WebFlows.SignInAsync(browser, viewer.Email);
        var viewerPage = browser.Page;
        await viewerPage.Locator($"tr[data-project-id='{projectId}'] a").ClickAsync();
        await Assertions.Expect(viewerPage.Locator("[data-role=viewer]")).ToBeVisibleAsync();
        await Assertions.Expect(viewerPage.GetByTestId("quota-preview")).ToBeVisibleAsync();
        await AssertNoEditControlsAsync(viewerPage);
        await browser.ScreenshotAsync("2-viewer-overview");

        await viewerPage.GetByRole(AriaRole.Link, new() { Name = "Personas", Exact = true }).ClickAsync();
        await Assertions.Expect(viewerPage.GetByTestId("persona-count")).ToBeVisibleAsync();
        await AssertNoEditControlsAsync(viewerPage);

        await viewerPage.GetByRole(AriaRole.Link, new() { Name = "Members", Exact = true }).ClickAsync();
        await Assertions.Expect(viewerPage.GetByTestId("members")).ToBeVisibleAsync();
        await Assertions.Expect(viewerPage.GetByTestId("add-member")).ToHaveCountAsync(0);
        await Assertions.Expect(viewerPage.Locator("table.members select, table.members button")).ToHaveCountAsync(0);

        await browser.GotoAsync($"/projects/{projectId}/personas/generate");
        await Assertions.Expect(viewerPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not allow generating");
        await Assertions.Expect(viewerPage.GetByTestId("start-generation")).ToHaveCountAsync(0);
        browser.AssertNoConsoleErrors();
    }

    private static async Task AssertNoEditControlsAsync(IPage page)
    {
        foreach (var control in new[] { "edit-project", "generate-personas", "delete-project", "start-generation" })
        {
            await Assertions.Expect(page.GetByTestId(control)).ToHaveCountAsync(0);
        }
    }
}

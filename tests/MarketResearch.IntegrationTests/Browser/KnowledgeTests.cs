using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

[Collection(LocalStackCollection.Name)]
public sealed class KnowledgeTests(LocalStackFixture stack, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    /// <summary>Ingestion runs in the Worker; a bounded wait that a busy 2-core machine still meets.</summary>
    private static readonly TimeSpan IngestionTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_owner_uploads_a_note_sees_it_become_ready_and_finds_its_passage_while_a_viewer_only_searches()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var viewer = await ApiUser.RegisterAsync(stack, "Viewer");
        var projectId = await owner.CreateProjectAsync($"Knowledge {Guid.NewGuid():N}");
        var added = await owner.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/members", new { email = viewer.Email, role = "viewer" });
        Assert.True(added.IsSuccessStatusCode, $"Adding the viewer answered {added.StatusCode}.");
        var fileName = $"interviews-{Guid.NewGuid():N}.md";
        var note = "# Commuter interviews\n\nCyclists in Utrecht said the quinoa breakfast bars crumble in their panniers, so they buy oat cookies instead.\n";

        await using (var browser = await BrowserPage.OpenAsync(chromium, stack))
        {
            var page = browser.Page;
            await WebFlows.SignInAsync(browser, owner.Email);
            await browser.GotoAsync($"/projects/{projectId}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Knowledge", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("no-documents")).ToBeVisibleAsync();

            // Empty search: the API's field error shows next to the search box.
            await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#errors-query")).Not.ToBeEmptyAsync();

            await page.GetByLabel("Document (PDF, DOCX, TXT or Markdown", new() { Exact = false }).SetInputFilesAsync(new FilePayload
            {
                Name = fileName,
                MimeType = "text/markdown",
                Buffer = System.Text.Encoding.UTF8.GetBytes(note),
            });
            await Assertions.Expect(page.GetByTestId("upload-status")).ToContainTextAsync("ready to upload");
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
            var row = page.Locator("table.documents tr", new() { HasText = fileName });
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(row.GetByTestId("document-status")).ToHaveAttributeAsync("data-status", "ready",
                new() { Timeout = (float)IngestionTimeout.TotalMilliseconds });
            await browser.ScreenshotAsync("1-ready");

            await page.GetByLabel("Search for").FillAsync("quinoa bars crumble in panniers");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            var passage = page.GetByTestId("passage").First;
            await Assertions.Expect(passage.GetByTestId("passage-document")).ToHaveTextAsync(fileName);
            await Assertions.Expect(passage).ToContainTextAsync("quinoa breakfast bars crumble");
            await Assertions.Expect(passage).ToContainTextAsync("score");
            await browser.ScreenshotAsync("2-search");
            browser.AssertNoConsoleErrors();
        }

        await using (var viewerBrowser = await BrowserPage.OpenAsync(chromium, stack))
        {
            var page = viewerBrowser.Page;
            await WebFlows.SignInAsync(viewerBrowser, viewer.Email);
            await viewerBrowser.GotoAsync($"/projects/{projectId}/knowledge");
            await Assertions.Expect(page.Locator("table.documents tr", new() { HasText = fileName })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("upload-form")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Delete {fileName}" })).ToHaveCountAsync(0);
            await page.GetByLabel("Search for").FillAsync("oat cookies");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("passage-document").First).ToHaveTextAsync(fileName);
            viewerBrowser.AssertNoConsoleErrors();
        }

        // The owner deletes it through the page; the list empties.
        await using var ownerAgain = await BrowserPage.OpenAsync(chromium, stack);
        await WebFlows.SignInAsync(ownerAgain, owner.Email);
        await ownerAgain.GotoAsync($"/projects/{projectId}/knowledge");
        await ownerAgain.Page.GetByRole(AriaRole.Button, new() { Name = $"Delete {fileName}" }).ClickAsync();
        await Assertions.Expect(ownerAgain.Page.GetByTestId("no-documents")).ToBeVisibleAsync();
        ownerAgain.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_large_upload_shows_its_byte_progress_as_the_browser_sends_it()
    {
        const int LargeFileBytes = 6 * 1024 * 1024;
        using var owner = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync($"Upload {Guid.NewGuid():N}");
        await using var browser = await BrowserPage.OpenAsync(chromium, stack);
        var page = browser.Page;
        await WebFlows.SignInAsync(browser, owner.Email);
        await browser.GotoAsync($"/projects/{projectId}/knowledge");
        await page.EvaluateAsync("""
            () => {
              window.__uploadProgress = [];
              new MutationObserver(() => {
                const bar = document.querySelector('[data-testid=upload-progress] [role=progressbar]');
                if (bar) window.__uploadProgress.push(Number(bar.getAttribute('aria-valuenow')));
              }).observe(document.querySelector('main'), { childList: true, subtree: true, attributes: true });
            }
            """);

        // Not a PDF inside, so the API refuses it once it has it all: the bytes still travel the whole way first, and no ingestion follows.
        var bytes = new byte[LargeFileBytes];
        Array.Fill(bytes, (byte)'x');
        await page.GetByLabel("Document (PDF, DOCX, TXT or Markdown", new() { Exact = false }).SetInputFilesAsync(new FilePayload
        {
            Name = "scan.pdf",
            MimeType = "application/pdf",
            Buffer = bytes,
        });
        await Assertions.Expect(page.GetByTestId("upload-status")).ToContainTextAsync("ready to upload");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-status")).ToContainTextAsync("was not uploaded", new() { Timeout = (float)IngestionTimeout.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("upload-progress")).ToHaveCountAsync(0);

        var seen = (await page.EvaluateAsync<int[]>("() => window.__uploadProgress")).Distinct().ToList();
        Assert.True(seen.Count(percent => percent is > 0 and < 100) >= 2, $"The progress bar showed only {string.Join(", ", seen)}%.");
        // Only forwards: the bar counts bytes already sent. (The last percent can share a render with the API's answer.)
        Assert.Equal(seen.Order(), seen);
        browser.AssertNoConsoleErrors();
    }
}

using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

/// <summary>
/// A prerendered page hands its API answers to the circuit that takes it over (PersistentComponentState): the page's
/// data is read from the API once per load, not once by the prerender and again by the circuit, and a read after a
/// write still goes to the API.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class PrerenderedAnswersTests(LocalStackFixture stack, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan LogBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_page_reads_its_data_once_per_load_and_reads_again_after_a_write()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var colleague = await ApiUser.RegisterAsync(stack, "Colleague");
        var projectId = await owner.CreateProjectAsync($"Read once {Guid.NewGuid():N}");
        var personaId = await SmallScreenTests.GeneratePanelAsync(owner, projectId);
        await using var browser = await BrowserPage.OpenAsync(chromium, stack);
        var page = browser.Page;
        await WebFlows.SignInAsync(browser, owner.Email);
        await using var calls = WebApiCallLog.Watch(stack);

        // The circuit's own render of the page, with the data in it (not the prerendered copy).
        await page.GotoAsync($"/personas/{personaId}");
        await page.Locator("main[data-interactive] figure[data-chart=radar]").First.WaitForAsync();
        await page.GotoAsync($"/projects/{projectId}/members");
        await page.Locator($"main[data-interactive] tr[data-member='{owner.Email}']").WaitForAsync();

        // The members page's reads come after every read of the persona page, so all of those have been logged by now.
        var members = $"/api/v1/projects/{projectId}/members";
        var loaded = await calls.UntilAsync(call => call.StartsWith("GET ", StringComparison.Ordinal) && call.EndsWith(members, StringComparison.Ordinal), LogBound);
        Assert.Single(loaded, call => call.StartsWith("GET ", StringComparison.Ordinal) && call.EndsWith($"/api/v1/personas/{personaId}", StringComparison.Ordinal));

        // The prerendered members list does not have the colleague: the list shown after adding them was read anew.
        await page.GetByLabel("Email of a registered account").FillAsync(colleague.Email);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Assertions.Expect(page.Locator($"tr[data-member='{colleague.Email}'] select")).ToHaveValueAsync("editor");
        bool IsWrite(string call) => call.StartsWith("POST ", StringComparison.Ordinal) && call.EndsWith(members, StringComparison.Ordinal);
        bool IsRead(string call) => call.StartsWith("GET ", StringComparison.Ordinal) && call.EndsWith(members, StringComparison.Ordinal);
        var all = await calls.UntilAsync(logged => logged.Any(IsWrite) && logged.Skip(logged.ToList().FindIndex(IsWrite)).Any(IsRead), LogBound);
        var write = all.ToList().FindIndex(IsWrite);
        // Frame and page each read the members once while prerendering; the circuit took both answers over, made no read of
        // its own, and read the list from the API again after the write.
        Assert.Equal(2, all.Take(write).Count(IsRead));
        Assert.Contains(all.Skip(write), IsRead);
        browser.AssertNoConsoleErrors();
    }
}

using System.Diagnostics;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MarketResearch.IntegrationTests.Browser;

[Collection(LocalStackCollection.Name)]
public sealed class AccessibilityTests(LocalStackFixture stack, ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    /// <summary>
    /// Catches a page that hangs. The product bar (interactive in under 1 s) is measured on a quiet machine, see
    /// BENCHMARKS.md; a 2-core machine shared with parallel builds cannot hold a test to it without flaking.
    /// </summary>
    private static readonly TimeSpan InteractiveBound = TimeSpan.FromSeconds(20);

    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Fact]
    public async Task Pages_become_interactive_quickly_have_no_serious_axe_violations_and_show_keyboard_focus()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync($"Accessible {Guid.NewGuid():N}");
        var personaId = await SmallScreenTests.GeneratePanelAsync(owner, projectId);
        await using var browser = await BrowserPage.OpenAsync(chromium, stack);
        var page = browser.Page;
        await WebFlows.SignInAsync(browser, owner.Email);

        var pages = new (string Path, string Ready)[]
        {
            ("/projects", "table.projects"),
            ("/projects/new", "[data-testid=quota-preview]"),
            ($"/projects/{projectId}", "[data-testid=quota-preview]"),
            ($"/projects/{projectId}/members", "[data-testid=members]"),
            ($"/projects/{projectId}/personas", "[data-testid=fit-chart]"),
            ($"/projects/{projectId}/personas/generate", "[data-testid=generate-form]"),
            ($"/personas/{personaId}", "figure[data-chart=radar]"),
            ($"/projects/{projectId}/knowledge", "[data-testid=search-form]"),
            ("/account/security", "[data-testid=mfa]"),
        };
        foreach (var (path, ready) in pages)
        {
            var clock = Stopwatch.StartNew();
            await browser.GotoAsync(path);
            await page.Locator(ready).First.WaitForAsync();
            var interactive = clock.Elapsed;
            output.WriteLine($"{path}: interactive with its data after {interactive.TotalMilliseconds:0} ms");
            Assert.True(interactive < InteractiveBound, $"{path} took {interactive.TotalMilliseconds:0} ms to become interactive.");

            var results = await page.RunAxe();
            var blocking = results.Violations.Where(violation => BlockingImpacts.Contains(violation.Impact)).ToList();
            Assert.True(blocking.Count == 0, $"{path}: " + string.Join("; ", blocking.Select(violation =>
                $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}")));
        }

        // Keyboard users see where they are: the control Tab reaches draws a focus outline.
        await browser.GotoAsync("/projects");
        await page.Locator("table.projects").WaitForAsync();
        // FocusOnNavigate puts focus on the heading once the page is interactive; a Tab pressed before that is undone by it.
        await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'");
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string[]>(
            "() => [document.activeElement.tagName, getComputedStyle(document.activeElement).outlineStyle, getComputedStyle(document.activeElement).outlineWidth]");
        Assert.True(focused[0] is "A" or "BUTTON" or "INPUT" or "SELECT", $"Tab focused a {focused[0]}.");
        Assert.NotEqual("none", focused[1]);
        Assert.NotEqual("0px", focused[2]);
        browser.AssertNoConsoleErrors();
    }
}

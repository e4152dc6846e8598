using System.Globalization;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

[Collection(LocalStackCollection.Name)]
public sealed class FocusGroupLiveTests(LocalStackFixture stack, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const int PhoneWidth = 375;
    private const int PhoneHeight = 812;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    private static readonly string[] Questions =
    [
        "What do you think of a meal kit subscription at 29 zł a week?",
        "What would make you cancel the subscription?",
        "How do you choose what to cook on a weekday?",
        "Would you share a kit with a neighbour?",
    ];

    /// <summary>
    /// Records, on every change of the page, how many transcript lines it shows next to the run's status, progress and
    /// results: the order of DOM updates proves the lines arrived while the job ran, however fast or slow the machine.
    /// </summary>
    private const string RecordUpdates = """
        () => {
          window.__updates = [];
          const record = () => {
            const bar = document.querySelector('[data-testid=job-progress] [role=progressbar]');
            window.__updates.push({
              lines: document.querySelectorAll('[data-testid=transcript] li').length,
              status: document.querySelector('[data-testid=focus-group-status]')?.dataset.status ?? null,
              results: document.querySelector('[data-testid=focus-group-results]') !== null,
              progress: bar ? Number(bar.getAttribute('aria-valuenow')) : null,
            });
          };
          new MutationObserver(record).observe(document.querySelector('main'), { childList: true, subtree: true, attributes: true, characterData: true });
        }
        """;

    [Fact]
    public async Task A_run_streams_its_transcript_live_then_its_concept_graph_zooms_pans_and_shows_a_concepts_supporters_and_critics()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync($"Live {Guid.NewGuid():N}");
        await SmallScreenTests.GeneratePanelAsync(owner, projectId);
        var personas = (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas")).GetProperty("items")
            .EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()).ToList();
        var groupId = await FocusGroupTests.CreateAsync(owner, projectId, personas, Questions, moderatorFollowUps: true);
        await using var browser = await BrowserPage.OpenAsync(chromium, stack);
        var page = browser.Page;
        await WebFlows.SignInAsync(browser, owner.Email);

        await browser.GotoAsync($"/focus-groups/{groupId}");
        await Assertions.Expect(page.GetByTestId("focus-group-status")).ToHaveAttributeAsync("data-status", "draft");
        await page.EvaluateAsync(RecordUpdates);
        await page.GetByTestId("run-focus-group").ClickAsync();
        await Assertions.Expect(page.GetByTestId("transcript").Locator("li").First).ToBeVisibleAsync(new() { Timeout = (float)RunTimeout.TotalMilliseconds });
        await browser.ScreenshotAsync("1-transcript-streaming");
        await Assertions.Expect(page.GetByTestId("focus-group-results")).ToBeVisibleAsync(new() { Timeout = (float)RunTimeout.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("focus-group-status")).ToHaveAttributeAsync("data-status", "completed");

        var updates = (await page.EvaluateAsync<JsonElement>("() => window.__updates")).EnumerateArray().ToList();
        var live = updates.TakeWhile(update => !update.GetProperty("results").GetBoolean() && update.GetProperty("status").GetString() != "completed")
            .Where(update => update.GetProperty("lines").GetInt32() > 0).ToList();
        Assert.True(live.Count > 0, "No transcript line appeared before the run completed.");
        // Lines came in as the discussion went on, not at once: the first ones showed while the job was under way.
        Assert.True(live.Select(update => update.GetProperty("lines").GetInt32()).Distinct().Count() > 1, "The transcript appeared in one piece.");
        Assert.True(live[0].GetProperty("progress").GetInt32() < 100, $"The first line appeared at {live[0].GetProperty("progress")}%.");

        // The saved transcript took over without a line twice: the page shows exactly the saved turns.
        var saved = await SavedSequencesAsync(owner, groupId);
        var shown = (await page.GetByTestId("transcript").Locator("li").EvaluateAllAsync<int[]>("items => items.map(item => Number(item.dataset.sequence))")).ToList();
        Assert.Equal(saved, shown);
        Assert.Equal(shown.Count, shown.Distinct().Count());
        await AssertAccessibleAsync(page, "focus group");

        await page.GetByTestId("open-graph").ClickAsync();
        var graph = page.GetByTestId("concept-graph");
        await Assertions.Expect(graph).ToBeVisibleAsync();
        await browser.WaitInteractiveAsync();
        var start = await ViewBoxAsync(graph);

        // Drag from an empty corner: the drawing follows the pointer, so the view moves the other way.
        var box = (await graph.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.05f), box.Y + (box.Height * 0.05f));
        await page.Mouse.DownAsync();
        // Pointer moves reach the server only once it knows a drag began.
        await Assertions.Expect(graph).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("dragging"));
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.05f) + 60, box.Y + (box.Height * 0.05f) + 40, new() { Steps = 4 });
        await page.Mouse.UpAsync();
        await Expect(graph, view => view.X < start.X && view.Y < start.Y, "dragging pans");
        var dragged = await ViewBoxAsync(graph);

        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await Expect(graph, view => view.Size < dragged.Size, "the zoom button zooms in");
        var zoomed = await ViewBoxAsync(graph);
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.WheelAsync(0, -120);
        await Expect(graph, view => view.Size < zoomed.Size, "the wheel zooms in");
        var wheeled = await ViewBoxAsync(graph);

        await graph.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(graph, view => view.X > wheeled.X, "the arrow key pans");
        await page.Keyboard.PressAsync("-");
        await Expect(graph, view => view.Size > wheeled.Size, "the minus key zooms out");

        // Keyboard selection: Tab from the drawing reaches a concept, Enter selects it.
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string[]>("() => [document.activeElement.dataset.kind ?? '', document.activeElement.dataset.nodeId ?? '']");
        Assert.Equal("concept", focused[0]);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("concept-sides")).ToHaveAttributeAsync("data-concept-id", focused[1]);

        // The most-discussed concept shows the supporters and critics the graph's MENTIONS edges say it has.
        var (conceptId, supporters, critics) = await MostDiscussedConceptAsync(owner, groupId);
        Assert.True(supporters.Count + critics.Count > 0, "No persona spoke warmly or coldly of any concept.");
        var concept = page.Locator($"g[data-node-id=\"{conceptId}\"]");
        await concept.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var sides = page.GetByTestId("concept-sides");
        await Assertions.Expect(sides).ToHaveAttributeAsync("data-concept-id", conceptId);
        await Assertions.Expect(sides.GetByTestId("supporters").Locator("li")).ToHaveTextAsync(supporters.ToArray());
        await Assertions.Expect(sides.GetByTestId("critics").Locator("li")).ToHaveTextAsync(critics.ToArray());
        await browser.ScreenshotAsync("2-concept-selected");
        await AssertAccessibleAsync(page, "concept graph");

        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await AssertFitsAsync(page, "concept graph");
        await browser.ScreenshotAsync("3-concept-graph-375");
        await browser.GotoAsync($"/focus-groups/{groupId}");
        await Assertions.Expect(page.GetByTestId("focus-group-results")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "focus group");
        browser.AssertNoConsoleErrors();
    }

    private static async Task<List<int>> SavedSequencesAsync(ApiUser owner, Guid groupId)
    {
        var sequences = new List<int>();
        string? cursor = null;
        do
        {
            var page = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/transcript?limit=100" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            sequences.AddRange(page.GetProperty("items").EnumerateArray().Select(turn => turn.GetProperty("sequence").GetInt32()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return sequences;
    }

    private static async Task<(string Id, List<string> Supporters, List<string> Critics)> MostDiscussedConceptAsync(ApiUser owner, Guid groupId)
    {
        var graph = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/graph");
        var names = graph.GetProperty("nodes").EnumerateArray().ToDictionary(node => node.GetProperty("id").GetString()!, node => node.GetProperty("label").GetString()!);
        var concepts = graph.GetProperty("nodes").EnumerateArray().Where(node => node.GetProperty("kind").GetString() == "concept")
            .Select(node => node.GetProperty("id").GetString()!).ToHashSet();
        var mentions = graph.GetProperty("edges").EnumerateArray()
            .Where(edge => edge.GetProperty("kind").GetString() == "MENTIONS" && concepts.Contains(edge.GetProperty("target").GetString()!)
                           && edge.GetProperty("sentiment").ValueKind == JsonValueKind.Number)
            .Select(edge => (Source: edge.GetProperty("source").GetString()!, Target: edge.GetProperty("target").GetString()!, Sentiment: edge.GetProperty("sentiment").GetDouble()))
            .ToList();
        var target = mentions.GroupBy(edge => edge.Target).OrderByDescending(group => group.Count(edge => edge.Sentiment != 0)).ThenBy(group => group.Key, StringComparer.Ordinal).First();
        List<string> Side(Func<double, bool> side) => target.Where(edge => side(edge.Sentiment)).Select(edge => names[edge.Source]).Distinct().Order(StringComparer.Ordinal).ToList();
        return (target.Key, Side(sentiment => sentiment > 0), Side(sentiment => sentiment < 0));
    }

    private sealed record ViewBox(double X, double Y, double Size);

    private static async Task<ViewBox> ViewBoxAsync(ILocator graph)
    {
        var parts = (await graph.GetAttributeAsync("viewBox"))!.Split(' ').Select(part => double.Parse(part, CultureInfo.InvariantCulture)).ToArray();
        return new ViewBox(parts[0], parts[1], parts[2]);
    }

    /// <summary>Waits (bounded) for the server-rendered view box to satisfy a condition.</summary>
    private static async Task Expect(ILocator graph, Func<ViewBox, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + BrowserPage.DefaultTimeout;
        var view = await ViewBoxAsync(graph);
        while (!condition(view) && DateTime.UtcNow < deadline)
        {
            await graph.Page.WaitForTimeoutAsync(50);
            view = await ViewBoxAsync(graph);
        }

        Assert.True(condition(view), $"Expected {what}; the view box is {view}.");
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(violation => BlockingImpacts.Contains(violation.Impact)).ToList();
        Assert.True(blocking.Count == 0, $"{what}: " + string.Join("; ", blocking.Select(violation =>
            $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}")));
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The {what} page scrolls horizontally by {overflow}px at {PhoneWidth}px wide.");
    }
}

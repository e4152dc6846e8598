using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

/// <summary>
/// A fresh browser context (own cookies) on the web app, recording console errors and uncaught page errors so a
/// test can fail on any of them, and saving screenshots under artifacts/test-results/screenshots.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly string _test;

    private BrowserPage(IBrowserContext context, IPage page, string test)
    {
        _context = context;
        Page = page;
        _test = test;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {error}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<BrowserPage> OpenAsync(ChromiumFixture chromium, LocalStackFixture stack, int width = 1280, int height = 900, [CallerMemberName] string test = "")
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.App.GetEndpoint("web", "http").ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout((float)DefaultTimeout.TotalMilliseconds);
        return new BrowserPage(context, await context.NewPageAsync(), test);
    }

    /// <summary>Loads a page and waits until the Blazor circuit has made it interactive.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitInteractiveAsync();
    }

    public Task WaitInteractiveAsync() => Page.Locator("main[data-interactive]").WaitForAsync();

    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "test-results", "screenshots", _test);
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    public void AssertNoConsoleErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", _errors));
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MarketResearch.sln")))
            {
                return folder.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}

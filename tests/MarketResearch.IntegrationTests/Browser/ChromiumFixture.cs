using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

/// <summary>
/// One headless Chromium per test class, the operating system's own (Debian's chromium package, installed by
/// scripts/install-prerequisites.sh): Playwright drives it through its bundled driver and downloads nothing.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Overridable for machines that keep Chromium elsewhere.</summary>
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"No Chromium at {ExecutablePath}: run scripts/install-prerequisites.sh.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Root in CI containers: Chromium's sandbox needs user namespaces it does not get there.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

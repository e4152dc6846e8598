using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MarketResearch.IntegrationTests.Browser;

/// <summary>The steps many browser tests share: signing up and signing in through the web app's own forms.</summary>
public static partial class WebFlows
{
    public static async Task<string> SignUpAsync(BrowserPage browser, string displayName = "Browser researcher")
    {
        var email = $"browser-{Guid.NewGuid():N}@example.test";
        await browser.Page.GotoAsync("/account/register");
        await browser.Page.GetByLabel("Your name").FillAsync(displayName);
        await browser.Page.GetByLabel("Email").FillAsync(email);
        await browser.Page.GetByLabel("Password").FillAsync(ApiUser.Password);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await browser.Page.WaitForURLAsync(ProjectsUrl());
        await browser.WaitInteractiveAsync();
        return email;
    }

    public static async Task SignInAsync(BrowserPage browser, string email)
    {
        await browser.Page.GotoAsync("/account/login");
        await browser.Page.GetByLabel("Email").FillAsync(email);
        await browser.Page.GetByLabel("Password").FillAsync(ApiUser.Password);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await browser.Page.WaitForURLAsync(ProjectsUrl());
        await browser.WaitInteractiveAsync();
    }

    public static async Task SignOutAsync(BrowserPage browser)
    {
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await browser.Page.WaitForURLAsync(new Regex("/$"));
    }

    [GeneratedRegex("/projects$")]
    public static partial Regex ProjectsUrl();
}

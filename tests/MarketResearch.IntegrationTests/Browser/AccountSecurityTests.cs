using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OtpNet;

namespace MarketResearch.IntegrationTests.Browser;

[Collection(LocalStackCollection.Name)]
public sealed class AccountSecurityTests(LocalStackFixture stack, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const int RecoveryCodeCount = 10;

    [Fact]
    public async Task Enrolling_mfa_shows_the_qr_code_and_recovery_codes_once_then_sign_in_asks_for_a_totp_or_recovery_code()
    {
        await using var browser = await BrowserPage.OpenAsync(chromium, stack);
        var page = browser.Page;
        var email = await WebFlows.SignUpAsync(browser);

        await browser.GotoAsync("/account/security");
        await page.GetByTestId("start-mfa").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mfa-qr")).ToBeVisibleAsync();
        Assert.StartsWith("data:image/png;base64,", await page.GetByTestId("mfa-qr").GetAttributeAsync("src"), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("otpauth-uri")).ToContainTextAsync("otpauth://totp/");
        var totp = new Totp(Base32Encoding.ToBytes((await page.GetByTestId("mfa-secret").InnerTextAsync()).Trim()));

        await page.GetByLabel("The 6-digit code the app shows").FillAsync(TotpCodes.Wrong(totp));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.Locator("#errors-enable-code")).ToContainTextAsync("not valid");
        await page.GetByLabel("The 6-digit code the app shows").FillAsync(TotpCodes.At(totp, -1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        var codes = page.GetByTestId("recovery-codes").Locator("li code");
        await Assertions.Expect(codes).ToHaveCountAsync(RecoveryCodeCount);
        var recoveryCode = await codes.First.InnerTextAsync();
        await Assertions.Expect(page.Locator("tr[data-event=mfa_enabled]")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("1-recovery-codes");
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved them" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("mfa-status")).ToContainTextAsync("On");
        await WebFlows.SignOutAsync(browser);

        // A later step's code: the one that turned MFA on is spent (RFC 6238 §5.2).
        await SignInWithSecondFactorAsync(browser, email, TotpCodes.At(totp, 1), wrongCodeFirst: TotpCodes.Wrong(totp));
        await WebFlows.SignOutAsync(browser);
        await SignInWithSecondFactorAsync(browser, email, recoveryCode);
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_this_browser_session_too()
    {
        await using var browser = await BrowserPage.OpenAsync(chromium, stack);
        var page = browser.Page;
        await WebFlows.SignUpAsync(browser);

        await browser.GotoAsync("/account/security");
        await page.GetByTestId("logout-all").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("signed out on every device");
        await page.GotoAsync("/projects");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        browser.AssertNoConsoleErrors();
    }

    private static async Task SignInWithSecondFactorAsync(BrowserPage browser, string email, string code, string? wrongCodeFirst = null)
    {
        var page = browser.Page;
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ApiUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var codeField = page.GetByLabel("Authenticator code or recovery code");
        await Assertions.Expect(codeField).ToBeVisibleAsync();
        // The second step asks only for the code: neither the password nor any trace of it is in the page.
        await Assertions.Expect(page.Locator("input[type=password], input[name=password]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(ApiUser.Password, await page.ContentAsync(), StringComparison.Ordinal);
        var cookie = (await page.Context.CookiesAsync()).Single(candidate => candidate.Name == "mr.mfa");
        Assert.True(cookie.HttpOnly);
        if (wrongCodeFirst is not null)
        {
            // A wrong code keeps the user on the code step (the password step is not asked again).
            await codeField.FillAsync(wrongCodeFirst);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("not accepted");
            await Assertions.Expect(codeField).ToBeVisibleAsync();
            var axe = await page.RunAxe();
            Assert.DoesNotContain(axe.Violations, violation => violation.Impact is "serious" or "critical");
        }

        await codeField.FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(WebFlows.ProjectsUrl());
        Assert.DoesNotContain(await page.Context.CookiesAsync(), candidate => candidate.Name == "mr.mfa");
    }
}

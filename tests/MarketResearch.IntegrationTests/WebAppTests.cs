namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class WebAppTests(LocalStackFixture stack)
{
    [Fact]
    public async Task A_signed_in_researcher_sees_the_projects_the_web_app_fetched_from_the_api()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var name = $"Visible in web {Guid.NewGuid():N}";
        await user.CreateProjectAsync(name);
        using var browser = new WebSession(stack);

        var signIn = await browser.PostFormAsync("/account/login", "/account/login",
            new() { ["email"] = user.Email, ["password"] = ApiUser.Password, ["returnUrl"] = "/projects" });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/projects", signIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), header => header.StartsWith("mr.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var html = await (await browser.GetAsync("/projects")).Content.ReadAsStringAsync();
        Assert.Contains(name, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_need_a_signed_in_browser()
    {
        using var browser = new WebSession(stack);

        var response = await browser.GetAsync("/projects");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_up_in_the_browser_creates_the_account_and_signs_in()
    {
        using var browser = new WebSession(stack);
        var email = $"web-{Guid.NewGuid():N}@example.test";

        var signUp = await browser.PostFormAsync("/account/register", "/account/register",
            new() { ["email"] = email, ["password"] = ApiUser.Password, ["displayName"] = "Web user" });

        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        Assert.Equal("/projects", signUp.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/projects")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_returns_to_the_form_with_a_message_and_no_session()
    {
        using var browser = new WebSession(stack);

        var response = await browser.PostFormAsync("/account/login", "/account/login",
            new() { ["email"] = "nobody@example.test", ["password"] = "not the password at all" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?error=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetCookies(browser.BaseAddress), cookie => cookie.Name == "mr.session");
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var client = new HttpClient { BaseAddress = stack.App.GetEndpoint("web", "http") };

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "a@b.test", ["password"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Web_pages_carry_the_security_headers()
    {
        using var client = stack.CreateClient("web");

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

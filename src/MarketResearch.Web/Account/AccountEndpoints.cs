using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace MarketResearch.Web.Account;

/// <summary>
/// Form posts of the sign-in, sign-up and sign-out pages (antiforgery-checked): the web app signs in to the API,
/// keeps the tokens in its session store and gives the browser only an HttpOnly cookie.
/// </summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/login", Login);
        account.MapPost("/login/second-factor", SecondFactor);
        account.MapPost("/register", Register);
        account.MapPost("/logout", Logout).RequireAuthorization();
        account.MapPost("/logout-all", LogoutEverywhere).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> Login(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, AuthApiClient auth, WebSessionStore store, MfaChallengeStore challenges, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await auth.LoginAsync(email ?? string.Empty, password ?? string.Empty, null, cancellationToken);
        if (result is { MfaRequired: true, MfaTicket: { } ticket })
        {
            // The password was right: keep the API's ticket for this step on the server and ask only for the code.
            var challengeId = await challenges.SaveAsync(new MfaChallenge(email!, ticket));
            http.Response.Cookies.Append(MfaChallengeStore.CookieName, challengeId, ChallengeCookie(http, challenges.Lifetime));
            return Results.LocalRedirect($"/account/login{Query(("mfa", "1"), ("returnUrl", LocalOrHome(returnUrl)))}");
        }

        if (result.Tokens is null)
        {
            return Results.LocalRedirect($"/account/login{Query(("error", result.Error), ("email", email), ("returnUrl", LocalOrHome(returnUrl)))}");
        }

        await StartSessionAsync(http, store, clock, result.Tokens, email!);
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    /// <summary>The second step: only the code comes from the form; the email and the API's ticket from the server-side challenge.</summary>
    private static async Task<IResult> SecondFactor(
        [FromForm] string? mfaCode, [FromForm] string? returnUrl,
        HttpContext http, AuthApiClient auth, WebSessionStore store, MfaChallengeStore challenges, TimeProvider clock, CancellationToken cancellationToken)
    {
        var challengeId = http.Request.Cookies[MfaChallengeStore.CookieName];
        if (await challenges.FindAsync(challengeId) is not { } challenge)
        {
            http.Response.Cookies.Delete(MfaChallengeStore.CookieName, ChallengeCookie(http, TimeSpan.Zero));
            return Results.LocalRedirect($"/account/login{Query(("error", "The sign-in took too long. Enter your email and password again."), ("returnUrl", LocalOrHome(returnUrl)))}");
        }

        var result = await auth.CompleteSecondFactorAsync(challenge.Email, challenge.Ticket, mfaCode?.Trim() ?? string.Empty, cancellationToken);
        if (result.Tokens is null)
        {
            if (!result.MfaRequired)
            {
                // The ticket is spent, burned after wrong codes, or expired, or the account locked: start again.
                await challenges.DeleteAsync(challengeId!);
                http.Response.Cookies.Delete(MfaChallengeStore.CookieName, ChallengeCookie(http, TimeSpan.Zero));
                return Results.LocalRedirect($"/account/login{Query(("error", "The code was refused too many times, or the sign-in took too long. Enter your email and password again."), ("returnUrl", LocalOrHome(returnUrl)))}");
            }

            return Results.LocalRedirect($"/account/login{Query(("mfa", "1"), ("error", "That code was not accepted. Try the current code or a recovery code."), ("returnUrl", LocalOrHome(returnUrl)))}");
        }

        await challenges.DeleteAsync(challengeId!);
        http.Response.Cookies.Delete(MfaChallengeStore.CookieName, ChallengeCookie(http, TimeSpan.Zero));
        await StartSessionAsync(http, store, clock, result.Tokens, challenge.Email);
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static CookieOptions ChallengeCookie(HttpContext http, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        // As the session cookie: HTTPS-only except in development.
        Secure = http.Request.IsHttps || !http.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment(),
        SameSite = SameSiteMode.Strict,
        Path = "/account/login",
        MaxAge = lifetime,
        IsEssential = true,
    };

    private static async Task<IResult> Register(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? displayName,
        HttpContext http, AuthApiClient auth, WebSessionStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var error = await auth.RegisterAsync(email ?? string.Empty, password ?? string.Empty, displayName ?? string.Empty, cancellationToken);
        if (error is not null)
        {
            return Results.LocalRedirect($"/account/register{Query(("error", error), ("email", email), ("displayName", displayName))}");
        }

        var signedIn = await auth.LoginAsync(email!, password!, null, cancellationToken);
        if (signedIn.Tokens is null)
        {
            // The address was taken (registration answers alike either way): the sign-in page says what to do.
            return Results.LocalRedirect($"/account/login{Query(("error", signedIn.Error), ("email", email))}");
        }

        await StartSessionAsync(http, store, clock, signedIn.Tokens, email!);
        return Results.LocalRedirect("/projects");
    }

    private static async Task<IResult> Logout(HttpContext http, WebSessionStore store, AuthApiClient auth, CancellationToken cancellationToken)
    {
        if (http.User.FindFirstValue(ApiSession.SessionClaim) is { } sessionId)
        {
            if (await store.FindAsync(sessionId) is { } session)
            {
                await auth.LogoutAsync(session.AccessToken, cancellationToken);
            }

            await store.DeleteAsync(sessionId);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/");
    }

    /// <summary>Ends every session of the account at the API (all devices), then this browser's.</summary>
    private static async Task<IResult> LogoutEverywhere(HttpContext http, WebSessionStore store, AuthApiClient auth, CancellationToken cancellationToken)
    {
        if (http.User.FindFirstValue(ApiSession.SessionClaim) is { } sessionId)
        {
            if (await store.FindAsync(sessionId) is { } session)
            {
                await auth.LogoutEverywhereAsync(session.AccessToken, cancellationToken);
            }

            await store.DeleteAsync(sessionId);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/account/login?signedOut=everywhere");
    }

    private static async Task StartSessionAsync(HttpContext http, WebSessionStore store, TimeProvider clock, ApiTokens tokens, string email)
    {
        var sessionId = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await ApiSession.SaveAsync(store, sessionId, tokens, clock);
        var identity = new ClaimsIdentity(
            [new Claim(ApiSession.SessionClaim, sessionId), new Claim(ClaimTypes.Name, email.Trim())],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    private static QueryString Query(params (string Name, string? Value)[] parameters) =>
        QueryString.Create(parameters.Where(parameter => !string.IsNullOrEmpty(parameter.Value))
            .Select(parameter => new KeyValuePair<string, string?>(parameter.Name, parameter.Value)));

    /// <summary>Only paths on this site: a crafted returnUrl must not send a signed-in user elsewhere.</summary>
    private static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/projects";
}

using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace MarketResearch.Web.Account;

/// <summary>
/// The signed-in user's API access token for this circuit or request, refreshed (and the refresh token rotated)
/// shortly before it expires. Refreshes of one session are serialised: a rotated token used twice would end it.
/// </summary>
public sealed class ApiSession(AuthenticationStateProvider authentication, WebSessionStore store, AuthApiClient auth, TimeProvider clock)
{
    public const string SessionClaim = "mr_session";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> RefreshLocks = new();

    public async Task<string?> AccessTokenAsync(CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.FindFirstValue(SessionClaim) is not { } sessionId)
        {
            return null;
        }

        var session = await store.FindAsync(sessionId);
        if (session is null || session.AccessTokenExpiresAt - clock.GetUtcNow() > RefreshMargin)
        {
            return session?.AccessToken;
        }

        var gate = RefreshLocks.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have refreshed while we waited.
            session = await store.FindAsync(sessionId);
            if (session is null || session.AccessTokenExpiresAt - clock.GetUtcNow() > RefreshMargin)
            {
                return session?.AccessToken;
            }

            var tokens = await auth.RefreshAsync(session.RefreshToken, cancellationToken);
            if (tokens is null)
            {
                await store.DeleteAsync(sessionId);
                return null;
            }

            await SaveAsync(store, sessionId, tokens, clock);
            return tokens.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    public static Task SaveAsync(WebSessionStore store, string sessionId, ApiTokens tokens, TimeProvider clock) =>
        store.SaveAsync(sessionId, new WebSession(tokens.AccessToken, tokens.RefreshToken, clock.GetUtcNow().AddSeconds(tokens.ExpiresIn)), WebSessionOptions.Lifetime);
}

public static class WebSessionOptions
{
    /// <summary>As long as the API's refresh tokens live: past that the user signs in again anyway.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);
}

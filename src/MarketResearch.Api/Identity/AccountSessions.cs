using System.Security.Claims;
using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>Ends every session of an account: access tokens through the Redis epoch, refresh families in Postgres.</summary>
internal sealed class AccountSessions(
    UserManager<ResearchUser> users, TokenRevocation revocation, RefreshTokens refreshTokens, IOptions<AuthOptions> options, TimeProvider clock)
{
    public async Task EndAllAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = principal.Id();
        await revocation.RevokeAllAsync(userId, options.Value.AccessTokenLifetime);
        if (principal.TokenId() is { } tokenId && principal.TokenExpiry() is { } expiry)
        {
            // The epoch has one-second resolution: void the caller's own token explicitly.
            await revocation.RevokeTokenAsync(tokenId, expiry);
        }

        await refreshTokens.RevokeAllAsync(userId, cancellationToken);
        if (await users.FindByIdAsync(userId.ToString()) is { } user)
        {
            user.TokensValidAfter = clock.GetUtcNow();
            await users.UpdateAsync(user);
        }
    }
}

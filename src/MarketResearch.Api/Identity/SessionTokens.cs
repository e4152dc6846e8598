using MarketResearch.Domain.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>A sign-in session: an access token plus a refresh-token family that shares its id.</summary>
internal sealed class SessionTokens(AccessTokenIssuer issuer, RefreshTokens refreshTokens, IOptions<AuthOptions> options)
{
    public async Task<TokenResponse> StartAsync(ResearchUser user, CancellationToken cancellationToken)
    {
        var sessionId = Guid.CreateVersion7();
        var refresh = await refreshTokens.IssueAsync(user.Id, sessionId, cancellationToken);
        return Respond(user, sessionId, refresh);
    }

    public TokenResponse Continue(ResearchUser user, Guid sessionId, string refreshToken) => Respond(user, sessionId, refreshToken);

    private TokenResponse Respond(ResearchUser user, Guid sessionId, string refreshToken)
    {
        var (access, _) = issuer.Issue(user, sessionId);
        return new TokenResponse(access, refreshToken, (int)options.Value.AccessTokenLifetime.TotalSeconds);
    }
}

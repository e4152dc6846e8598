using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MarketResearch.Api.Identity;

internal static class CurrentUser
{
    /// <summary>The signed-in user's id; endpoints behind RequireAuthorization always have one.</summary>
    public static Guid Id(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The principal carries no user id.");

    public static Guid? SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sid) ?? principal.FindFirstValue(ClaimTypes.Sid), out var id) ? id : null;

    public static string? TokenId(this ClaimsPrincipal principal) => principal.FindFirstValue(JwtRegisteredClaimNames.Jti);

    public static DateTimeOffset? TokenExpiry(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Exp), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static DateTimeOffset? TokenIssuedAt(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Iat), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}

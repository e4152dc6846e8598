using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MarketResearch.Api.Identity;

/// <summary>The current signing key and the previous ones, each with a kid derived from the key itself.</summary>
internal sealed class SigningKeys
{
    public SigningKeys(IOptions<AuthOptions> options)
    {
        Current = Create(options.Value.SigningKey);
        All = [Current, .. options.Value.PreviousSigningKeys.Where(key => key.Length > 0).Select(Create)];
        Credentials = new SigningCredentials(Current, SecurityAlgorithms.HmacSha256);
    }

    public SymmetricSecurityKey Current { get; }
    public IReadOnlyList<SymmetricSecurityKey> All { get; }
    public SigningCredentials Credentials { get; }

    /// <summary>kid = first 8 bytes of SHA-256(key): stable across replicas, reveals nothing useful.</summary>
    private static SymmetricSecurityKey Create(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes)[..8]).ToLowerInvariant() };
    }
}

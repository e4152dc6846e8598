using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace MarketResearch.Api.Identity;

/// <summary>
/// A hash made with the current hasher and cost, verified when no account matches a sign-in, so an unknown email
/// spends the same hashing time as a known one.
/// </summary>
internal sealed class DecoyPassword
{
    private readonly IPasswordHasher<ResearchUser> _hasher;
    private readonly Lazy<string> _hash;

    public DecoyPassword(IPasswordHasher<ResearchUser> hasher)
    {
        _hasher = hasher;
        _hash = new Lazy<string>(() => hasher.HashPassword(new ResearchUser(), Guid.NewGuid().ToString()));
    }

    public string Hash => _hash.Value;

    public PasswordVerificationResult Verify(string password) => _hasher.VerifyHashedPassword(new ResearchUser(), _hash.Value, password);
}

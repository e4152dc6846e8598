namespace MarketResearch.Domain.Identity;

/// <summary>
/// One link of a rotating refresh-token chain. Only a SHA-256 hash of the token is stored; a family is one sign-in
/// session, and presenting a spent token revokes the whole family (it was stolen or replayed).
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid FamilyId { get; set; }
    public byte[] TokenHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

namespace MarketResearch.Domain.Identity;

/// <summary>A one-time MFA recovery code, stored as a hash; used once, then spent.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public byte[] CodeHash { get; set; } = [];
    public DateTimeOffset? UsedAt { get; set; }
}

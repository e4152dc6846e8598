using Microsoft.AspNetCore.Identity;

namespace MarketResearch.Domain.Identity;

/// <summary>A person with an account: a researcher, a teammate or an integrator.</summary>
public sealed class ResearchUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Access tokens issued before this moment are refused ("sign out everywhere", password change).</summary>
    public DateTimeOffset? TokensValidAfter { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Api.Identity;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const int MinSigningKeyLength = 64;

    /// <summary>HMAC key that signs access tokens; an AppHost secret parameter (token-signing-key).</summary>
    [Required, MinLength(MinSigningKeyLength)]
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>Keys still accepted for validation after a rotation (matched by kid), until their tokens expire.</summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    [Required]
    public string Issuer { get; set; } = "marketresearch";

    [Required]
    public string Audience { get; set; } = "marketresearch-api";

    [Range(typeof(TimeSpan), "00:01:00", "00:15:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    [Range(12, 128)]
    public int MinPasswordLength { get; set; } = 12;

    [Range(1, 100)]
    public int LockoutThreshold { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(5, 20)]
    public int RecoveryCodeCount { get; set; } = 10;

    /// <summary>How long a passed password step waits for its second factor (the ticket of MfaTickets).</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:30:00")]
    public TimeSpan MfaTicketLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong codes one ticket may take before it is burned and the password is asked again.</summary>
    [Range(1, 20)]
    public int MfaTicketAttempts { get; set; } = 5;

    /// <summary>Name shown in authenticator apps next to the account.</summary>
    [Required]
    public string TotpIssuer { get; set; } = "MarketResearch";
}

namespace MarketResearch.Domain.Identity;

/// <summary>An entry of the audit trail of security events, readable by the user it concerns.</summary>
public sealed class SecurityEvent
{
    public Guid Id { get; set; }
    public Guid? UserId { get; set; }
    public string Type { get; set; } = string.Empty;
    public DateTimeOffset OccurredAt { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public string? Detail { get; set; }
}

/// <summary>The kinds of security event; names are stable because clients and dashboards read them.</summary>
public static class SecurityEventTypes
{
    public const string Registered = "registered";
    public const string LoginSucceeded = "login_succeeded";
    public const string LoginFailed = "login_failed";
    public const string LockedOut = "locked_out";
    public const string Unlocked = "unlocked";
    public const string MfaEnabled = "mfa_enabled";
    public const string MfaDisabled = "mfa_disabled";
    public const string RecoveryCodeUsed = "recovery_code_used";
    public const string RefreshTokenReused = "refresh_token_reused";
    public const string LoggedOut = "logged_out";
    public const string SignedOutEverywhere = "signed_out_everywhere";
    public const string PasswordChanged = "password_changed";
    public const string RoleChanged = "role_changed";
    public const string RegistrationWithExistingEmail = "registration_with_existing_email";
}

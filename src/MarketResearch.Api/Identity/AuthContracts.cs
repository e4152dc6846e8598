namespace MarketResearch.Api.Identity;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public sealed record RegisterResponse(string Email, string Message);

/// <summary>Password sign-in; for the code step, <paramref name="MfaTicket"/> (from the 401 that asked for it) may replace the password.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? MfaCode, string? MfaTicket = null);

public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record MeResponse(Guid Id, string Email, string DisplayName, bool MfaEnabled, DateTimeOffset CreatedAt);

public sealed record MfaSetupResponse(string Secret, string OtpauthUri, string QrCodePng);

public sealed record MfaCodeRequest(string? Code);

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

public sealed record SecurityEventResponse(Guid Id, string Type, DateTimeOffset OccurredAt, string? IpAddress, string? UserAgent, string? Detail);

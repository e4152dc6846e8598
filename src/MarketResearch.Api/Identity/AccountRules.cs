using System.Net.Mail;
using MarketResearch.Domain;

namespace MarketResearch.Api.Identity;

/// <summary>Input rules for accounts: normalised emails and a length-first password policy (NIST SP 800-63B).</summary>
internal static class AccountRules
{
    public const int MaxEmailLength = 256;
    public const int MaxPasswordLength = 256;
    public const int MaxDisplayNameLength = 100;

    // Long passwords people still pick: length alone does not make these safe.
    private static readonly HashSet<string> CommonPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "password1234", "password12345", "passwordpassword",
        "qwertyuiop12", "qwertyuiop123", "qwertyqwerty", "iloveyou1234", "administrator", "letmein12345",
        "welcome12345", "abcdefghijkl", "aaaaaaaaaaaa", "000000000000", "111111111111", "changeme1234",
        "marketresearch", "monkey123456", "football1234", "baseball1234", "superman1234", "trustno1trustno1",
    };

    /// <summary>Trimmed and lower-cased: one address, one account, whatever the capitalisation.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    public static void ValidateEmail(FieldErrors errors, string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Trim().Length > MaxEmailLength
            || !MailAddress.TryCreate(email.Trim(), out var address) || address.Address != email.Trim())
        {
            errors.Add("email", "Enter a valid email address.");
        }
    }

    public static void ValidatePassword(FieldErrors errors, string field, string? password, string? email, int minLength)
    {
        if (string.IsNullOrEmpty(password) || password.Length < minLength)
        {
            errors.Add(field, $"Use at least {minLength} characters; a passphrase of several words is easy to remember.");
            return;
        }

        if (password.Length > MaxPasswordLength)
        {
            errors.Add(field, $"Use at most {MaxPasswordLength} characters.");
        }
        else if (CommonPasswords.Contains(password) || password.Distinct().Count() < 4)
        {
            errors.Add(field, "This password is too common or too repetitive; choose another.");
        }
        else if (email is not null && email.Split('@')[0] is { Length: >= 4 } local && password.Contains(local, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(field, "The password must not contain your email address.");
        }
    }

    public static void ValidateDisplayName(FieldErrors errors, string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > MaxDisplayNameLength)
        {
            errors.Add("displayName", $"Enter a name of 1 to {MaxDisplayNameLength} characters.");
        }
    }
}

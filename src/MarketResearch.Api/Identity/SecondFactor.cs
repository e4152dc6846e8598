using System.Security.Cryptography;
using System.Text;
using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketResearch.Api.Identity;

internal enum SecondFactorResult
{
    Invalid,
    Totp,
    RecoveryCode,
}

/// <summary>TOTP (RFC 6238, through Identity's authenticator provider) and one-time recovery codes stored hashed.</summary>
internal sealed class SecondFactor(
    UserManager<ResearchUser> users,
    ResearchDbContext db,
    IConnectionMultiplexer redis,
    SecurityAudit audit,
    TimeProvider clock,
    IOptions<AuthOptions> options)
{
    private const string RecoveryAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int RecoveryCodeHalfLength = 5;

    /// <summary>
    /// Identity accepts a code for two 30-second steps either side of now, so one code can verify for five steps:
    /// remember a used code a little longer than that.
    /// </summary>
    private static readonly TimeSpan TotpReplayWindow = TimeSpan.FromSeconds(180);

    public async Task<SecondFactorResult> VerifyAsync(ResearchUser user, string code, CancellationToken cancellationToken)
    {
        var compact = code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (compact.Length == 6 && compact.All(char.IsAsciiDigit))
        {
            return await VerifyTotpOnceAsync(user, compact) ? SecondFactorResult.Totp : SecondFactorResult.Invalid;
        }

        var hash = HashRecoveryCode(compact);
        var now = clock.GetUtcNow();
        // Spending is one conditional update, so a code cannot be used twice even by concurrent requests.
        var spent = await db.RecoveryCodes
            .Where(row => row.UserId == user.Id && row.CodeHash == hash && row.UsedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(row => row.UsedAt, now), cancellationToken);
        if (spent == 0)
        {
            return SecondFactorResult.Invalid;
        }

        await audit.RecordAsync(SecurityEventTypes.RecoveryCodeUsed, user.Id, cancellationToken: cancellationToken);
        return SecondFactorResult.RecoveryCode;
    }

    /// <summary>
    /// A current authenticator code that was not accepted before. RFC 6238 (section 5.2): once a code has been accepted,
    /// the same code must not be accepted again, or anyone who saw it (over a shoulder, in a proxy log) could replay it.
    /// </summary>
    public async Task<bool> VerifyTotpOnceAsync(ResearchUser user, string code) =>
        await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code)
        && await redis.GetDatabase().StringSetAsync($"auth:totp-used:{user.Id:N}:{code}", 1, TotpReplayWindow, When.NotExists);

    /// <summary>Replaces the user's recovery codes; the plain codes are shown once and never stored.</summary>
    public async Task<IReadOnlyList<string>> IssueRecoveryCodesAsync(ResearchUser user, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(row => row.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        var codes = Enumerable.Range(0, options.Value.RecoveryCodeCount)
            .Select(_ => $"{RandomGroup()}-{RandomGroup()}")
            .ToList();
        db.RecoveryCodes.AddRange(codes.Select(code => new RecoveryCode
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            CodeHash = HashRecoveryCode(code.Replace("-", string.Empty, StringComparison.Ordinal)),
        }));
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    public Task RemoveRecoveryCodesAsync(ResearchUser user, CancellationToken cancellationToken) =>
        db.RecoveryCodes.Where(row => row.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);

    private static string RandomGroup() =>
        new(Enumerable.Range(0, RecoveryCodeHalfLength).Select(_ => RecoveryAlphabet[RandomNumberGenerator.GetInt32(RecoveryAlphabet.Length)]).ToArray());

    // 50 random bits per code and a rate-limited login make a plain SHA-256 sufficient here.
    private static byte[] HashRecoveryCode(string compactCode) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(compactCode.ToUpperInvariant()));
}

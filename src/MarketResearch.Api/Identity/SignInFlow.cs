using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

internal abstract record SignInOutcome
{
    public sealed record SignedIn(TokenResponse Tokens) : SignInOutcome;
    public sealed record Refused : SignInOutcome;
    public sealed record SecondFactorRequired : SignInOutcome;
}

/// <summary>
/// Password sign-in with lockout and a second factor. Every refusal looks and takes the same: unknown email,
/// wrong password and locked account all hash a password and answer alike, so nothing reveals who has an account.
/// </summary>
internal sealed class SignInFlow(
    UserManager<ResearchUser> users,
    IPasswordHasher<ResearchUser> hasher,
    DecoyPassword decoy,
    PasswordHashingGate hashing,
    SecondFactor secondFactor,
    SessionTokens sessions,
    SecurityAudit audit,
    SignInTimings timings,
    TimeProvider clock,
    IOptions<AuthOptions> options)
{
    public async Task<SignInOutcome> SignInAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        var email = AccountRules.NormaliseEmail(request.Email ?? string.Empty);
        var password = request.Password ?? string.Empty;
        var user = email.Length == 0 ? null : await timings.TimeAsync("lookup", () => users.FindByEmailAsync(email));
        if (user is null)
        {
            await hashing.RunAsync(() => Task.FromResult(decoy.Verify(password)), cancellationToken);
            await audit.RecordAsync(SecurityEventTypes.LoginFailed, null, "unknown account", cancellationToken);
            return new SignInOutcome.Refused();
        }

        if (await users.IsLockedOutAsync(user))
        {
            await hashing.RunAsync(() => Task.FromResult(hasher.VerifyHashedPassword(user, user.PasswordHash ?? decoy.Hash, password)), cancellationToken);
            await audit.RecordAsync(SecurityEventTypes.LoginFailed, user.Id, "account locked", cancellationToken);
            return new SignInOutcome.Refused();
        }

        if (user.LockoutEnd is { } ended && ended <= clock.GetUtcNow())
        {
            await users.SetLockoutEndDateAsync(user, null);
            await audit.RecordAsync(SecurityEventTypes.Unlocked, user.Id, "lockout period ended", cancellationToken);
        }

        if (!await timings.TimeAsync("hash", () => hashing.RunAsync(() => users.CheckPasswordAsync(user, password), cancellationToken)))
        {
            return await FailAsync(user, "wrong password", cancellationToken);
        }

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(request.MfaCode))
            {
                return new SignInOutcome.SecondFactorRequired();
            }

            var factor = await secondFactor.VerifyAsync(user, request.MfaCode, cancellationToken);
            if (factor == SecondFactorResult.Invalid)
            {
                await FailAsync(user, "wrong second factor", cancellationToken);
                return new SignInOutcome.SecondFactorRequired();
            }
        }

        // No database write unless there were failures to forget.
        await timings.TimeAsync("reset", () => users.ResetAccessFailedCountAsync(user));
        // The audit row rides along with the refresh token's insert: one database round trip instead of two.
        audit.Stage(SecurityEventTypes.LoginSucceeded, user.Id, user.TwoFactorEnabled ? "with second factor" : null);
        var tokens = await timings.TimeAsync("session", () => sessions.StartAsync(user, cancellationToken));
        return new SignInOutcome.SignedIn(tokens);
    }

    private async Task<SignInOutcome> FailAsync(ResearchUser user, string reason, CancellationToken cancellationToken)
    {
        await users.AccessFailedAsync(user);
        await audit.RecordAsync(SecurityEventTypes.LoginFailed, user.Id, reason, cancellationToken);
        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(SecurityEventTypes.LockedOut, user.Id,
                $"{options.Value.LockoutThreshold} consecutive failures; locked for {options.Value.LockoutDuration}", cancellationToken);
        }

        return new SignInOutcome.Refused();
    }
}

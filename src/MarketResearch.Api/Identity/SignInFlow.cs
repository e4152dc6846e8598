using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

internal abstract record SignInOutcome
{
    public sealed record SignedIn(TokenResponse Tokens) : SignInOutcome;
    public sealed record Refused : SignInOutcome;
    /// <summary>The password step passed; the ticket stands in for it when the code is sent (see MfaTickets).</summary>
    public sealed record SecondFactorRequired(string Ticket) : SignInOutcome;
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
    MfaTickets tickets,
    SessionTokens sessions,
    SecurityAudit audit,
    SignInTimings timings,
    TimeProvider clock,
    IOptions<AuthOptions> options)
{
    public async Task<SignInOutcome> SignInAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        var email = AccountRules.NormaliseEmail(request.Email ?? string.Empty);
        if (!string.IsNullOrEmpty(request.MfaTicket))
        {
            return await CompleteSecondFactorAsync(email, request.MfaTicket, request.MfaCode, cancellationToken);
        }

        var password = request.Password ?? string.Empty;
        var user = email.Length == 0 ? null : await timings.TimeAsync("lookup", () => users.FindByEmailAsync(email));
        if (user is null)
        {
            await hashing.RunAsync(HashPurposes.SignIn, () => Task.FromResult(decoy.Verify(password)), cancellationToken);
            await audit.RecordAsync(SecurityEventTypes.LoginFailed, null, "unknown account", cancellationToken);
            return new SignInOutcome.Refused();
        }

        if (await users.IsLockedOutAsync(user))
        {
            await hashing.RunAsync(HashPurposes.SignIn, () => Task.FromResult(hasher.VerifyHashedPassword(user, user.PasswordHash ?? decoy.Hash, password)), cancellationToken);
            await audit.RecordAsync(SecurityEventTypes.LoginFailed, user.Id, "account locked", cancellationToken);
            return new SignInOutcome.Refused();
        }

        if (user.LockoutEnd is { } ended && ended <= clock.GetUtcNow())
        {
            await users.SetLockoutEndDateAsync(user, null);
            await audit.RecordAsync(SecurityEventTypes.Unlocked, user.Id, "lockout period ended", cancellationToken);
        }

        if (!await timings.TimeAsync("hash", () => hashing.RunAsync(HashPurposes.SignIn, () => users.CheckPasswordAsync(user, password), cancellationToken)))
        {
            return await FailAsync(user, "wrong password", cancellationToken);
        }

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(request.MfaCode))
            {
                return new SignInOutcome.SecondFactorRequired(await tickets.IssueAsync(user.Id));
            }

            if (await secondFactor.VerifyAsync(user, request.MfaCode, cancellationToken) == SecondFactorResult.Invalid)
            {
                await FailAsync(user, "wrong second factor", cancellationToken);
                return await users.IsLockedOutAsync(user)
                    ? new SignInOutcome.Refused()
                    : new SignInOutcome.SecondFactorRequired(await tickets.IssueAsync(user.Id));
            }
        }

        return await StartSessionAsync(user, cancellationToken);
    }

    /// <summary>The code step of a sign-in whose password step passed earlier: the ticket replaces the password.</summary>
    private async Task<SignInOutcome> CompleteSecondFactorAsync(string email, string ticket, string? code, CancellationToken cancellationToken)
    {
        var user = await tickets.UserOfAsync(ticket) is { } userId ? await users.FindByIdAsync(userId.ToString()) : null;
        // The email must name the ticket's account: the per-account rate limit counts by it.
        if (user is null || !string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            await audit.RecordAsync(SecurityEventTypes.LoginFailed, null, "unknown or expired second-factor ticket", cancellationToken);
            return new SignInOutcome.Refused();
        }

        if (await users.IsLockedOutAsync(user))
        {
            await tickets.SpendAsync(ticket);
            await audit.RecordAsync(SecurityEventTypes.LoginFailed, user.Id, "account locked", cancellationToken);
            return new SignInOutcome.Refused();
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return new SignInOutcome.SecondFactorRequired(ticket);
        }

        // MFA switched off meanwhile: the ticket still proves the password, and no code is needed any more.
        if (user.TwoFactorEnabled && await secondFactor.VerifyAsync(user, code, cancellationToken) == SecondFactorResult.Invalid)
        {
            var burned = await tickets.RecordWrongCodeAsync(ticket);
            await FailAsync(user, "wrong second factor", cancellationToken);
            return burned || await users.IsLockedOutAsync(user) ? new SignInOutcome.Refused() : new SignInOutcome.SecondFactorRequired(ticket);
        }

        // Spending is the single-use check: of two requests racing with one ticket, only one signs in.
        if (!await tickets.SpendAsync(ticket))
        {
            await audit.RecordAsync(SecurityEventTypes.LoginFailed, user.Id, "second-factor ticket already used", cancellationToken);
            return new SignInOutcome.Refused();
        }

        return await StartSessionAsync(user, cancellationToken);
    }

    private async Task<SignInOutcome> StartSessionAsync(ResearchUser user, CancellationToken cancellationToken)
    {
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

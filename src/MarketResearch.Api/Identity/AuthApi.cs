using System.Security.Claims;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.Security;
using MarketResearch.Domain;
using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>/api/v1/auth: accounts, sign-in, token refresh and revocation, the security audit trail.</summary>
internal static class AuthApi
{
    private const string RefusedTitle = "Invalid email or password.";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Authentication");

        auth.MapPost("/register", Register).AllowAnonymous();
        auth.MapPost("/login", Login).AllowAnonymous().WithMetadata(new ChargesGeneralLimitItself());
        auth.MapPost("/refresh", Refresh).AllowAnonymous();
        auth.MapPost("/logout", Logout).RequireAuthorization();
        auth.MapPost("/logout-all", LogoutEverywhere).RequireAuthorization();
        auth.MapPost("/password", ChangePassword).RequireAuthorization();
        auth.MapGet("/me", Me).RequireAuthorization();
        auth.MapGet("/events", Events).RequireAuthorization();
        auth.MapMfaApi();
        return app;
    }

    private static async Task<Results<Created<RegisterResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, HttpContext http, UserManager<ResearchUser> users, IPasswordHasher<ResearchUser> hasher,
        PasswordHashingGate hashing, SecurityAudit audit, DistributedRateLimiter limiter, IOptions<RateLimitOptions> limits,
        IOptions<AuthOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await limiter.TryAcquireAsync(RateLimitPolicies.Register, GeneralRateLimitMiddleware.ClientAddress(http), limits.Value.Register) is { } wait)
        {
            return RateLimitResults.TooManyRequests(http, wait);
        }

        var errors = new FieldErrors();
        AccountRules.ValidateEmail(errors, request.Email);
        AccountRules.ValidatePassword(errors, "password", request.Password, request.Email, options.Value.MinPasswordLength);
        AccountRules.ValidateDisplayName(errors, request.DisplayName);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var email = AccountRules.NormaliseEmail(request.Email!);
        // The same answer whether or not the address is taken: registering must not reveal who has an account.
        var accepted = TypedResults.Created("/api/v1/auth/me", new RegisterResponse(email, "Account created if the address was new. Sign in to continue."));
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Hashed like a new account (and in the same queue), so the answer takes as long either way.
            await hashing.RunAsync(HashPurposes.Register, () => Task.FromResult(hasher.HashPassword(existing, request.Password!)), cancellationToken);
            await audit.RecordAsync(SecurityEventTypes.RegistrationWithExistingEmail, existing.Id, cancellationToken: cancellationToken);
            return accepted;
        }

        var user = new ResearchUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = request.DisplayName!.Trim(),
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        // Every password hash waits its turn at the gate: a registration flood cannot run more hashes than cores.
        var created = await hashing.RunAsync(HashPurposes.Register, () => users.CreateAsync(user, request.Password!), cancellationToken);
        if (created.Succeeded)
        {
            await audit.RecordAsync(SecurityEventTypes.Registered, user.Id, cancellationToken: cancellationToken);
            return accepted;
        }

        // A concurrent registration of the same address lost the race: same answer as above.
        if (created.Errors.Any(error => error.Code is "DuplicateEmail" or "DuplicateUserName"))
        {
            return accepted;
        }

        var identityErrors = new FieldErrors();
        foreach (var error in created.Errors)
        {
            identityErrors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
        }

        return TypedResults.ValidationProblem(identityErrors.ToDictionary());
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, SignInFlow signIn, SignInTimings timings, DistributedRateLimiter limiter,
        IOptions<RateLimitOptions> limits, CancellationToken cancellationToken)
    {
        // The general, per-address and per-account counters in one Redis round trip; all count, so no limit can be
        // skirted through another.
        var retryAfter = await timings.TimeAsync("limits", () => limiter.TryAcquireAllAsync(
        [
            new RateLimitCharge(RateLimitPolicies.General, GeneralRateLimitMiddleware.Partition(http), limits.Value.General),
            new RateLimitCharge(RateLimitPolicies.Login, GeneralRateLimitMiddleware.ClientAddress(http), limits.Value.Login),
            new RateLimitCharge(RateLimitPolicies.LoginPerAccount, AccountRules.NormaliseEmail(request.Email ?? string.Empty), limits.Value.LoginPerAccount),
        ]));
        if (retryAfter is { } wait)
        {
            return RateLimitResults.TooManyRequests(http, wait);
        }

        var outcome = await signIn.SignInAsync(request, cancellationToken);
        if (outcome is SignInOutcome.SignedIn)
        {
            http.Response.Headers["Server-Timing"] = timings.ToServerTiming();
        }

        return outcome switch
        {
            SignInOutcome.SignedIn signedIn => TypedResults.Ok(signedIn.Tokens),
            SignInOutcome.SecondFactorRequired required => TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "A second factor is required.",
                detail: "Send the 6-digit code from your authenticator app, or a recovery code, as mfaCode, "
                    + "with this mfaTicket in place of the password (or with the password again).",
                extensions: new Dictionary<string, object?> { ["mfaRequired"] = true, ["mfaTicket"] = required.Ticket }),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: RefusedTitle,
                detail: "Check the email and password. After repeated failures an account is locked for a while."),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> Refresh(
        RefreshRequest request, RefreshTokens refreshTokens, UserManager<ResearchUser> users, SessionTokens sessions,
        SecurityAudit audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["A refresh token is required."] });
        }

        var outcome = await refreshTokens.RotateAsync(request.RefreshToken, cancellationToken);
        if (outcome is RefreshOutcome.Reused reused)
        {
            await audit.RecordAsync(SecurityEventTypes.RefreshTokenReused, reused.UserId,
                $"session {reused.FamilyId} revoked: a spent refresh token was presented again", cancellationToken);
        }

        if (outcome is RefreshOutcome.Rotated rotated && await users.FindByIdAsync(rotated.UserId.ToString()) is { } user)
        {
            return TypedResults.Ok(sessions.Continue(user, rotated.FamilyId, rotated.NewToken));
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The refresh token is not valid.",
            detail: "It expired, was revoked or was already used. Sign in again.");
    }

    private static async Task<NoContent> Logout(
        ClaimsPrincipal principal, TokenRevocation revocation, RefreshTokens refreshTokens, SecurityAudit audit, CancellationToken cancellationToken)
    {
        if (principal.TokenId() is { } tokenId && principal.TokenExpiry() is { } expiry)
        {
            await revocation.RevokeTokenAsync(tokenId, expiry);
        }

        if (principal.SessionId() is { } session)
        {
            await refreshTokens.RevokeFamilyAsync(session, cancellationToken);
        }

        await audit.RecordAsync(SecurityEventTypes.LoggedOut, principal.Id(), cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutEverywhere(
        ClaimsPrincipal principal, AccountSessions accountSessions, SecurityAudit audit, CancellationToken cancellationToken)
    {
        await accountSessions.EndAllAsync(principal, cancellationToken);
        await audit.RecordAsync(SecurityEventTypes.SignedOutEverywhere, principal.Id(), cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<ResearchUser> users, PasswordHashingGate hashing,
        AccountSessions accountSessions, SecurityAudit audit, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(principal.Id().ToString());
        if (user is null)
        {
            return Problems.NotFound("account", principal.Id());
        }

        var errors = new FieldErrors();
        AccountRules.ValidatePassword(errors, "newPassword", request.NewPassword, user.Email, options.Value.MinPasswordLength);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        // Two hashes (the current password's check, the new one's hash), both in the gate's queue like a sign-in's.
        var changed = await hashing.RunAsync(
            HashPurposes.PasswordChange, () => users.ChangePasswordAsync(user, request.CurrentPassword ?? string.Empty, request.NewPassword!), cancellationToken);
        if (!changed.Succeeded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is not correct."] });
        }

        // A new password ends every other session: whoever knew the old one is out.
        await accountSessions.EndAllAsync(principal, cancellationToken);
        await audit.RecordAsync(SecurityEventTypes.PasswordChanged, user.Id, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Me(ClaimsPrincipal principal, UserManager<ResearchUser> users)
    {
        var user = await users.FindByIdAsync(principal.Id().ToString());
        return user is null
            ? Problems.NotFound("account", principal.Id())
            : TypedResults.Ok(new MeResponse(user.Id, user.Email!, user.DisplayName, user.TwoFactorEnabled, user.CreatedAt));
    }

    private static async Task<Results<Ok<Page<SecurityEventResponse>>, ValidationProblem>> Events(
        ClaimsPrincipal principal, ResearchDbContext db, IOptions<ApiOptions> options, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(limit, cursor, options.Value, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = principal.Id();
        return TypedResults.Ok(await db.SecurityEvents.AsNoTracking().Where(entry => entry.UserId == userId)
            .ToPageAsync(page, entry => entry.OccurredAt, entry => entry.Id, entry => new PageCursor(entry.OccurredAt, entry.Id),
                entry => new SecurityEventResponse(entry.Id, entry.Type, entry.OccurredAt, entry.IpAddress, entry.UserAgent, entry.Detail),
                cancellationToken));
    }
}

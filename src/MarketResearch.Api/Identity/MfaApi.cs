using System.Security.Claims;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;

namespace MarketResearch.Api.Identity;

/// <summary>/api/v1/auth/mfa: TOTP enrolment with an otpauth:// URI and a QR image, recovery codes, disabling.</summary>
internal static class MfaApi
{
    private const int QrPixelsPerModule = 5;

    public static RouteGroupBuilder MapMfaApi(this RouteGroupBuilder auth)
    {
        var mfa = auth.MapGroup("/mfa").RequireAuthorization();
        mfa.MapPost("/setup", Setup);
        mfa.MapPost("/enable", Enable);
        mfa.MapPost("/disable", Disable);
        return auth;
    }

    private static async Task<Results<Ok<MfaSetupResponse>, ProblemHttpResult>> Setup(
        ClaimsPrincipal principal, UserManager<ResearchUser> users, IOptions<AuthOptions> options)
    {
        var user = await users.FindByIdAsync(principal.Id().ToString());
        if (user is null)
        {
            return Problems.NotFound("account", principal.Id());
        }

        if (user.TwoFactorEnabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "MFA is already enabled.",
                detail: "Disable it first (with a current code) to enrol a new authenticator.");
        }

        await users.ResetAuthenticatorKeyAsync(user);
        var secret = (await users.GetAuthenticatorKeyAsync(user))!;
        var issuer = Uri.EscapeDataString(options.Value.TotpIssuer);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email!)}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits=6&period=30";
        using var qrData = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(qrData).GetGraphic(QrPixelsPerModule);
        return TypedResults.Ok(new MfaSetupResponse(secret, uri, $"data:image/png;base64,{Convert.ToBase64String(png)}"));
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, ValidationProblem, ProblemHttpResult>> Enable(
        MfaCodeRequest request, ClaimsPrincipal principal, UserManager<ResearchUser> users, SecondFactor secondFactor,
        SecurityAudit audit, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(principal.Id().ToString());
        if (user is null)
        {
            return Problems.NotFound("account", principal.Id());
        }

        if (user.TwoFactorEnabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "MFA is already enabled.");
        }

        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Set up an authenticator first.",
                detail: "Call /api/v1/auth/mfa/setup, add the key to your app, then enable with a code.");
        }

        var code = request.Code?.Replace(" ", string.Empty, StringComparison.Ordinal) ?? string.Empty;
        if (code.Length != 6 || !await secondFactor.VerifyTotpOnceAsync(user, code))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["The code is not valid or was already used; enter the current 6-digit code."] });
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await secondFactor.IssueRecoveryCodesAsync(user, cancellationToken);
        await audit.RecordAsync(SecurityEventTypes.MfaEnabled, user.Id, cancellationToken: cancellationToken);
        return TypedResults.Ok(new RecoveryCodesResponse(recoveryCodes));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Disable(
        MfaCodeRequest request, ClaimsPrincipal principal, UserManager<ResearchUser> users, SecondFactor secondFactor,
        SecurityAudit audit, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(principal.Id().ToString());
        if (user is null)
        {
            return Problems.NotFound("account", principal.Id());
        }

        if (!user.TwoFactorEnabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "MFA is not enabled.");
        }

        if (string.IsNullOrWhiteSpace(request.Code)
            || await secondFactor.VerifyAsync(user, request.Code, cancellationToken) == SecondFactorResult.Invalid)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["A current authenticator code or an unused recovery code is required."] });
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await secondFactor.RemoveRecoveryCodesAsync(user, cancellationToken);
        await audit.RecordAsync(SecurityEventTypes.MfaDisabled, user.Id, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }
}

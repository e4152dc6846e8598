using MarketResearch.Web.Api;

namespace MarketResearch.Web.Account;

public sealed record AccountDetails(Guid Id, string Email, string DisplayName, bool MfaEnabled, DateTimeOffset CreatedAt);

public sealed record SecurityEventDetails(Guid Id, string Type, DateTimeOffset OccurredAt, string? IpAddress, string? UserAgent, string? Detail);

public sealed record MfaEnrolment(string Secret, string OtpauthUri, string QrCodePng);

public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

/// <summary>The signed-in account (asked once per circuit) and its security settings.</summary>
public sealed class CurrentAccount(ApiClient api)
{
    private const int EventsPageSize = 50;
    private AccountDetails? _me;

    public async Task<ApiResult<AccountDetails>> MeAsync(CancellationToken cancellationToken)
    {
        if (_me is not null)
        {
            return new ApiResult<AccountDetails>(_me, null);
        }

        var me = await api.GetAsync<AccountDetails>("/api/v1/auth/me", cancellationToken);
        _me = me.Value;
        return me;
    }

    public async Task<ApiResult<IReadOnlyList<SecurityEventDetails>>> EventsAsync(CancellationToken cancellationToken)
    {
        var page = await api.GetAsync<Page<SecurityEventDetails>>($"/api/v1/auth/events?limit={EventsPageSize}", cancellationToken);
        return page.Succeeded ? new ApiResult<IReadOnlyList<SecurityEventDetails>>(page.Value!.Items, null) : page.Problem!;
    }

    public Task<ApiResult<MfaEnrolment>> StartMfaSetupAsync(CancellationToken cancellationToken) =>
        api.SendAsync<MfaEnrolment>(HttpMethod.Post, "/api/v1/auth/mfa/setup", null, cancellationToken);

    public async Task<ApiResult<RecoveryCodes>> EnableMfaAsync(string code, CancellationToken cancellationToken)
    {
        var enabled = await api.SendAsync<RecoveryCodesBody>(HttpMethod.Post, "/api/v1/auth/mfa/enable", new { code }, cancellationToken);
        _me = null;
        return enabled.Succeeded ? new ApiResult<RecoveryCodes>(new RecoveryCodes(enabled.Value!.RecoveryCodes), null) : enabled.Problem!;
    }

    public async Task<ApiProblem?> DisableMfaAsync(string code, CancellationToken cancellationToken)
    {
        var problem = await api.SendAsync(HttpMethod.Post, "/api/v1/auth/mfa/disable", new { code }, cancellationToken);
        _me = null;
        return problem;
    }

    private sealed record RecoveryCodesBody(IReadOnlyList<string> RecoveryCodes);
}

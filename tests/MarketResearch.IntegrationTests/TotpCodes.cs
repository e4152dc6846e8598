using OtpNet;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// Authenticator codes for tests. The API accepts a code once (RFC 6238 §5.2) and for two 30-second steps either side
/// of now, so steps that must each verify take codes of different steps: -1, 0 and +1 stay valid even if the clock
/// crosses a step boundary during the test.
/// </summary>
internal static class TotpCodes
{
    public static string At(Totp totp, int step) => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step));

    /// <summary>A code no step of the acceptance window has.</summary>
    public static string Wrong(Totp totp)
    {
        var valid = Enumerable.Range(-3, 7).Select(step => At(totp, step)).ToHashSet();
        return valid.Contains("000000") ? (valid.Contains("111111") ? "222222" : "111111") : "000000";
    }
}

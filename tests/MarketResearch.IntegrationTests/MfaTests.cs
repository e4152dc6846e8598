using System.Text.Json;
using OtpNet;

namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class MfaTests(LocalStackFixture stack)
{
    [Fact]
    public async Task Totp_enrolment_then_sign_in_with_a_code_or_a_single_use_recovery_code_then_disable()
    {
        using var user = await ApiUser.RegisterAsync(stack);

        var setup = await user.Client.PostAsync("/api/v1/auth/mfa/setup", null);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var enrolment = await setup.Content.ReadFromJsonAsync<JsonElement>();
        var secret = enrolment.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/MarketResearch:", enrolment.GetProperty("otpauthUri").GetString(), StringComparison.Ordinal);
        var png = Convert.FromBase64String(enrolment.GetProperty("qrCodePng").GetString()!["data:image/png;base64,".Length..]);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        var totp = new Totp(Base32Encoding.ToBytes(secret));

        var badCode = await user.Client.PostAsJsonAsync("/api/v1/auth/mfa/enable", new { code = "000000" == totp.ComputeTotp() ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        var enabled = await user.Client.PostAsJsonAsync("/api/v1/auth/mfa/enable", new { code = totp.ComputeTotp() });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var recoveryCodes = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(code => code.GetString()!).ToList();
        Assert.Equal(10, recoveryCodes.Distinct().Count());

        using var api = stack.CreateClient("api");
        var withoutCode = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ApiUser.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.True((await withoutCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mfaRequired").GetBoolean());

        await ApiUser.LoginAsync(api, user.Email, ApiUser.Password, totp.ComputeTotp());
        var withRecovery = await ApiUser.LoginAsync(api, user.Email, ApiUser.Password, recoveryCodes[0]);
        var reusedRecovery = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ApiUser.Password, mfaCode = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.Unauthorized, reusedRecovery.StatusCode);

        user.UseToken(withRecovery.AccessToken);
        var disableWithoutCode = await user.Client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { code = "" });
        Assert.Equal(HttpStatusCode.BadRequest, disableWithoutCode.StatusCode);
        var disabled = await user.Client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { code = totp.ComputeTotp() });
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        await ApiUser.LoginAsync(api, user.Email, ApiUser.Password);

        var types = await AccountTests.EventTypesAsync(user);
        Assert.Contains("mfa_enabled", types);
        Assert.Contains("mfa_disabled", types);
        Assert.Contains("recovery_code_used", types);
    }
}

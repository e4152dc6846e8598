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

        var badCode = await user.Client.PostAsJsonAsync("/api/v1/auth/mfa/enable", new { code = TotpCodes.Wrong(totp) });
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        var enabled = await user.Client.PostAsJsonAsync("/api/v1/auth/mfa/enable", new { code = TotpCodes.At(totp, -1) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var recoveryCodes = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(code => code.GetString()!).ToList();
        Assert.Equal(10, recoveryCodes.Distinct().Count());

        using var api = stack.CreateClient("api");
        var withoutCode = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ApiUser.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.True((await withoutCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mfaRequired").GetBoolean());

        await ApiUser.LoginAsync(api, user.Email, ApiUser.Password, TotpCodes.At(totp, 0));
        var replayed = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ApiUser.Password, mfaCode = TotpCodes.At(totp, 0) });
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode); // RFC 6238 §5.2: an accepted code is spent.
        var withRecovery = await ApiUser.LoginAsync(api, user.Email, ApiUser.Password, recoveryCodes[0]);
        var reusedRecovery = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ApiUser.Password, mfaCode = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.Unauthorized, reusedRecovery.StatusCode);

        user.UseToken(withRecovery.AccessToken);
        var disableWithoutCode = await user.Client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { code = "" });
        Assert.Equal(HttpStatusCode.BadRequest, disableWithoutCode.StatusCode);
        var disabled = await user.Client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { code = TotpCodes.At(totp, 1) });
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        await ApiUser.LoginAsync(api, user.Email, ApiUser.Password);

        var types = await AccountTests.EventTypesAsync(user);
        Assert.Contains("mfa_enabled", types);
        Assert.Contains("mfa_disabled", types);
        Assert.Contains("recovery_code_used", types);
    }

    [Fact]
    public async Task The_code_step_takes_the_ticket_of_the_password_step_instead_of_the_password_and_only_once()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        using var other = await ApiUser.RegisterAsync(stack);
        var totp = await EnableMfaAsync(user);
        using var api = stack.CreateClient("api");

        var ticket = await TicketAsync(api, new { email = user.Email, password = ApiUser.Password });
        var wrong = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, mfaTicket = ticket, mfaCode = TotpCodes.Wrong(totp) });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(ticket, (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mfaTicket").GetString());
        var otherAccount = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = other.Email, mfaTicket = ticket, mfaCode = TotpCodes.At(totp, 0) });
        Assert.False(await AsksForCodeAsync(otherAccount), "a ticket signs in only the account it was issued to");

        var signedIn = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, mfaTicket = ticket, mfaCode = TotpCodes.At(totp, 0) });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        using var fresh = stack.CreateClient("api");
        fresh.DefaultRequestHeaders.Authorization = new("Bearer", (await signedIn.Content.ReadFromJsonAsync<TokenPair>())!.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/auth/me")).StatusCode);

        var again = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, mfaTicket = ticket, mfaCode = TotpCodes.At(totp, 0) });
        Assert.False(await AsksForCodeAsync(again), "a spent ticket is refused outright");
        Assert.Contains("wrong second factor", await FailureReasonsAsync(user));
    }

    [Fact]
    public async Task A_ticket_is_burned_by_repeated_wrong_codes()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var totp = await EnableMfaAsync(user);
        using var api = stack.CreateClient("api");
        var ticket = await TicketAsync(api, new { email = user.Email, password = ApiUser.Password });

        HttpResponseMessage answer;
        var attempts = 0;
        do
        {
            answer = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, mfaTicket = ticket, mfaCode = TotpCodes.Wrong(totp) });
            attempts++;
        }
        while (await AsksForCodeAsync(answer) && attempts < 10);
        Assert.Equal(5, attempts);

        await Task.Delay(LocalStackFixture.LockoutDuration + TimeSpan.FromSeconds(1)); // The lockout, not the burn, ends.
        var afterBurn = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, mfaTicket = ticket, mfaCode = TotpCodes.At(totp, 0) });
        Assert.False(await AsksForCodeAsync(afterBurn), "a burned ticket stays refused after the lockout");
        Assert.Equal(HttpStatusCode.Unauthorized, afterBurn.StatusCode);
    }

    private static async Task<Totp> EnableMfaAsync(ApiUser user)
    {
        var enrolment = await (await user.Client.PostAsync("/api/v1/auth/mfa/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var totp = new Totp(Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString()!));
        Assert.Equal(HttpStatusCode.OK, (await user.Client.PostAsJsonAsync("/api/v1/auth/mfa/enable", new { code = TotpCodes.At(totp, -1) })).StatusCode);
        return totp;
    }

    private static async Task<string> TicketAsync(HttpClient api, object passwordStep)
    {
        var response = await api.PostAsJsonAsync("/api/v1/auth/login", passwordStep);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var ticket = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mfaTicket").GetString();
        Assert.False(string.IsNullOrEmpty(ticket));
        return ticket;
    }

    private static async Task<bool> AsksForCodeAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        && (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("mfaRequired", out var required) && required.GetBoolean();

    private static async Task<List<string>> FailureReasonsAsync(ApiUser user)
    {
        var events = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/auth/events?limit=100");
        return [.. events.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("type").GetString() == "login_failed")
            .Select(item => item.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty)];
    }
}

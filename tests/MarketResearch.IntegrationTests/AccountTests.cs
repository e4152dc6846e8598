using System.Net.Http.Headers;
using System.Text.Json;

namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class AccountTests(LocalStackFixture stack)
{
    [Fact]
    public async Task Registering_a_taken_email_answers_exactly_like_a_new_one_and_changes_nothing()
    {
        using var api = stack.CreateClient("api");
        var email = $"twice-{Guid.NewGuid():N}@example.test";

        var first = await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = ApiUser.Password, displayName = "First" });
        var second = await api.PostAsJsonAsync("/api/v1/auth/register", new { email = email.ToUpperInvariant(), password = "another long passphrase", displayName = "Second" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        await ApiUser.LoginAsync(api, email, ApiUser.Password);
        var withSecondPassword = await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "another long passphrase" });
        Assert.Equal(HttpStatusCode.Unauthorized, withSecondPassword.StatusCode);
    }

    [Theory]
    [InlineData("not-an-email", "correct horse battery staple", "Name", "email")]
    [InlineData("a@example.test", "short", "Name", "password")]
    [InlineData("a@example.test", "123456789012", "Name", "password")]
    [InlineData("a@example.test", "correct horse battery staple", "", "displayName")]
    public async Task Registration_rejects_bad_input_with_field_errors(string email, string password, string displayName, string field)
    {
        using var api = stack.CreateClient("api");

        var response = await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_are_refused_identically()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        using var api = stack.CreateClient("api");

        var wrongPassword = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the right passphrase" });
        var unknownEmail = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = $"nobody-{Guid.NewGuid():N}@example.test", password = "not the right passphrase" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        var first = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var second = await unknownEmail.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("title").GetString(), second.GetProperty("title").GetString());
        Assert.Equal(first.GetProperty("detail").GetString(), second.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Me_describes_the_signed_in_user_and_needs_a_token()
    {
        using var user = await ApiUser.RegisterAsync(stack, displayName: "Ada Researcher");
        using var anonymous = stack.CreateClient("api");

        var me = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        var refused = await anonymous.GetAsync("/api/v1/auth/me");

        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal("Ada Researcher", me.GetProperty("displayName").GetString());
        Assert.False(me.GetProperty("mfaEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(refused.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_reuse_revokes_the_whole_session()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        using var api = stack.CreateClient("api");

        var rotated = await api.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var next = (await rotated.Content.ReadFromJsonAsync<TokenPair>())!;
        Assert.NotEqual(user.Tokens.RefreshToken, next.RefreshToken);
        Assert.Equal(900, next.ExpiresIn);

        var replay = await api.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        var successorAfterReplay = await api.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = next.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, successorAfterReplay.StatusCode);

        Assert.Contains("refresh_token_reused", await EventTypesAsync(user));
    }

    [Fact]
    public async Task Logout_revokes_the_access_token_at_once_and_the_refresh_token()
    {
        using var user = await ApiUser.RegisterAsync(stack);

        var logout = await user.Client.PostAsync("/api/v1/auth/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        var started = DateTime.UtcNow;
        var afterLogout = await user.Client.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
        using var api = stack.CreateClient("api");
        var refresh = await api.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_of_the_account()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        using var otherDevice = stack.CreateClient("api");
        var otherTokens = await ApiUser.LoginAsync(otherDevice, user.Email, ApiUser.Password);
        otherDevice.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", otherTokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await otherDevice.GetAsync("/api/v1/auth/me")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // The epoch has one-second resolution.

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.PostAsync("/api/v1/auth/logout-all", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await otherDevice.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.GetAsync("/api/v1/auth/me")).StatusCode);
        var refresh = await otherDevice.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = otherTokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_and_the_old_password()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        var wrongCurrent = await user.Client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "not my password at all", newPassword = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        var changed = await user.Client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = ApiUser.Password, newPassword = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.GetAsync("/api/v1/auth/me")).StatusCode);
        using var api = stack.CreateClient("api");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ApiUser.Password })).StatusCode);
        var tokens = await ApiUser.LoginAsync(api, user.Email, "a brand new passphrase");
        user.UseToken(tokens.AccessToken);
        Assert.Contains("password_changed", await EventTypesAsync(user));
    }

    [Fact]
    public async Task Registration_sign_in_and_password_change_all_hash_through_the_gate()
    {
        using var metrics = stack.CreateClient("api");
        var before = await HashesByPurposeAsync(metrics);

        using var user = await ApiUser.RegisterAsync(stack);
        var changed = await user.Client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = ApiUser.Password, newPassword = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        // Only the gate counts hashes: each purpose counted means its hash waited in the gate's queue (one per core).
        var after = await HashesByPurposeAsync(metrics);
        foreach (var purpose in new[] { "register", "sign_in", "password_change" })
        {
            Assert.True(after.GetValueOrDefault(purpose) > before.GetValueOrDefault(purpose), $"no {purpose} hash counted by the gate");
        }

        Assert.Contains("password_hash_queue_wait_seconds_bucket{", await metrics.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    /// <summary>The API's password_hashes_total counters by their purpose tag.</summary>
    private static async Task<Dictionary<string, double>> HashesByPurposeAsync(HttpClient metrics) =>
        PrometheusText.Samples(await metrics.GetStringAsync("/metrics"), "password_hashes_total")
            .Select(sample => (Purpose: PrometheusText.Label(sample.Labels, "purpose"), sample.Value))
            .Where(sample => sample.Purpose is not null)
            .GroupBy(sample => sample.Purpose!)
            .ToDictionary(group => group.Key, group => group.Sum(sample => sample.Value));

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password_until_the_lockout_ends()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        using var api = stack.CreateClient("api");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = $"wrong passphrase {attempt}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var rightButLocked = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ApiUser.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, rightButLocked.StatusCode);

        await Task.Delay(LocalStackFixture.LockoutDuration + TimeSpan.FromSeconds(0.5));
        var tokens = await ApiUser.LoginAsync(api, user.Email, ApiUser.Password);
        user.UseToken(tokens.AccessToken);
        var types = await EventTypesAsync(user);
        Assert.Contains("locked_out", types);
        Assert.Contains("unlocked", types);
        Assert.Equal(6, types.Count(type => type == "login_failed"));
    }

    [Fact]
    public async Task Too_many_logins_for_one_account_get_429_with_retry_after()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        using var api = stack.CreateClient("api");

        HttpResponseMessage? last = null;
        // One login already happened at registration.
        for (var attempt = 1; attempt <= LocalStackFixture.LoginPerAccountLimit; attempt++)
        {
            last = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email.ToUpperInvariant(), password = "wrong passphrase here" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        using var metrics = stack.CreateClient("api");
        Assert.Contains("rate_limit_rejections_total{", await metrics.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_trail_shows_only_the_callers_own_events()
    {
        using var first = await ApiUser.RegisterAsync(stack);
        using var second = await ApiUser.RegisterAsync(stack);

        var events = await first.Client.GetFromJsonAsync<JsonElement>("/api/v1/auth/events");

        var items = events.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, item => item.GetProperty("type").GetString() == "registered");
        Assert.Contains(items, item => item.GetProperty("type").GetString() == "login_succeeded");
        Assert.Equal(2, items.Count);
    }

    internal static async Task<List<string>> EventTypesAsync(ApiUser user)
    {
        var events = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/auth/events?limit=100");
        return events.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("type").GetString()!).ToList();
    }
}

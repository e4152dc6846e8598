using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MarketResearch.IntegrationTests;

/// <summary>Forged and broken tokens, hostile strings and random garbage: refused cleanly, stored safely, never a 5xx.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class AbuseTests(LocalStackFixture stack)
{
    public static TheoryData<string> BrokenTokens => new()
    {
        "not-a-jwt",
        "a.b.c",
        "eyJhbGciOiJIUzI1NiJ9..",
        new string('A', 5000),
    };

    [Theory]
    [MemberData(nameof(BrokenTokens))]
    public async Task Malformed_tokens_get_401(string token)
    {
        using var api = Bearer(token);

        var response = await api.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_gets_401()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var payload = PayloadOf(user.Tokens.AccessToken);

        using var api = Bearer($"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode(payload)}.");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_algorithm_or_key_gets_401()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var payload = PayloadOf(user.Tokens.AccessToken);

        using var hs512 = Bearer(Sign("""{"alg":"HS512","typ":"JWT"}""", payload, stack.SigningKey, HMACSHA512.HashData));
        using var otherKey = Bearer(Sign("""{"alg":"HS256","typ":"JWT"}""", payload, "a-key-the-server-never-saw-0123456789-0123456789-0123456789", HMACSHA256.HashData));
        using var rsHeader = Bearer(Sign("""{"alg":"RS256","typ":"JWT"}""", payload, stack.SigningKey, HMACSHA256.HashData));

        Assert.Equal(HttpStatusCode.Unauthorized, (await hs512.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherKey.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rsHeader.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Tampered_claims_and_expired_tokens_get_401_while_a_correct_forgery_passes()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        using var stranger = await ApiUser.RegisterAsync(stack);
        var parts = user.Tokens.AccessToken.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(PayloadOf(user.Tokens.AccessToken))!;
        var header = Encoding.UTF8.GetString(Base64Url(parts[0]));

        var tamperedSub = new Dictionary<string, object>(claims.ToDictionary(claim => claim.Key, claim => (object)claim.Value)) { ["sub"] = (await stranger.Id()).ToString() };
        using var tampered = Bearer($"{parts[0]}.{Encode(JsonSerializer.Serialize(tamperedSub))}.{parts[2]}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await tampered.GetAsync("/api/v1/auth/me")).StatusCode);

        var past = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        var expiredClaims = new Dictionary<string, object>(claims.ToDictionary(claim => claim.Key, claim => (object)claim.Value))
        {
            ["iat"] = past - 900, ["nbf"] = past - 900, ["exp"] = past,
        };
        using var expired = Bearer(Sign(header, JsonSerializer.Serialize(expiredClaims), stack.SigningKey, HMACSHA256.HashData));
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/v1/auth/me")).StatusCode);

        // Control: the same forging code with valid claims is accepted, so the refusals above are about the claims.
        using var control = Bearer(Sign(header, PayloadOf(user.Tokens.AccessToken), stack.SigningKey, HMACSHA256.HashData));
        Assert.Equal(HttpStatusCode.OK, (await control.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    public static TheoryData<string> HostileStrings => new()
    {
        "<script>alert('x')</script>",
        "'; DROP TABLE projects; --",
        "\" OR 1=1 --",
        "<img src=x onerror=alert(1)>",
        "Robert'); DELETE FROM asp_net_users; --",
        "{{7*7}} ${7*7} %s %n",
        "Zażółć gęślą jaźń 🙂",
    };

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task Hostile_strings_in_text_fields_are_stored_and_returned_verbatim_as_json(string text)
    {
        using var user = await ApiUser.RegisterAsync(stack, displayName: text);
        var created = await user.Client.PostAsJsonAsync("/api/v1/projects", new
        {
            name = text,
            description = text,
            objectives = text,
            audience = new { description = text, distributions = new Dictionary<string, Dictionary<string, double>> { ["occupation"] = new() { [text] = 1.0 } } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var response = await user.Client.GetAsync($"/api/v1/projects/{id}");
        var project = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(text, project.GetProperty("name").GetString());
        Assert.Equal(text, project.GetProperty("objectives").GetString());
        Assert.Equal(text, project.GetProperty("audience").GetProperty("description").GetString());
        Assert.True(project.GetProperty("audience").GetProperty("distributions").GetProperty("occupation").TryGetProperty(text, out _));
        Assert.Equal(text, (await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me")).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_thousand_random_malformed_requests_across_all_endpoints_cause_no_5xx()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var routes = await RouteTable.ReadAsync(stack);
        var random = new Random(20261128);
        using var anonymous = stack.CreateClient("api");
        var failures = new List<string>();

        for (var index = 0; index < 1000; index++)
        {
            var route = routes[random.Next(routes.Count)];
            var path = System.Text.RegularExpressions.Regex.Replace(route.Pattern, @"\{[^}]+\}", _ => random.Next(4) switch
            {
                0 => projectId.ToString(),
                1 => Guid.NewGuid().ToString(),
                2 => "not-a-guid",
                _ => Uri.EscapeDataString(RandomText(random, 40)),
            }) + (random.Next(3) == 0 ? $"?limit={random.Next(-5, 2000)}&cursor={Uri.EscapeDataString(RandomText(random, 12))}" : "");
            using var request = new HttpRequestMessage(new HttpMethod(random.Next(5) == 0 ? "PATCH" : route.Method), path);
            if (random.Next(3) != 0)
            {
                request.Content = new ByteArrayContent(RandomBody(random));
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(random.Next(4) == 0 ? "text/plain" : "application/json");
            }

            var client = random.Next(2) == 0 ? user.Client : anonymous;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{request.Method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    private static byte[] RandomBody(Random random) => random.Next(6) switch
    {
        0 => Encoding.UTF8.GetBytes("{"),
        1 => Encoding.UTF8.GetBytes("""{"name": 12, "audience": {"distributions": {"age": {"x": "y"}}}}"""),
        2 => Encoding.UTF8.GetBytes($$"""{"email":"{{RandomText(random, 30)}}","password":null,"code":[1,2],"role":"{{RandomText(random, 8)}}"}"""),
        3 => Encoding.UTF8.GetBytes("null"),
        4 => Encoding.UTF8.GetBytes($$"""{"refreshToken":"{{new string('r', random.Next(0, 400))}}","count":1e309}"""),
        _ => Enumerable.Range(0, random.Next(1, 300)).Select(_ => (byte)random.Next(256)).ToArray(),
    };

    private static string RandomText(Random random, int maxLength) =>
        new(Enumerable.Range(0, random.Next(1, maxLength)).Select(_ => (char)random.Next(32, 0x250)).ToArray());

    private HttpClient Bearer(string token)
    {
        var client = stack.CreateClient("api");
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return client;
    }

    private static string PayloadOf(string jwt) => Encoding.UTF8.GetString(Base64Url(jwt.Split('.')[1]));

    private static string Sign(string header, string payload, string key, Func<byte[], byte[], byte[]> mac)
    {
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        return $"{signingInput}.{System.Buffers.Text.Base64Url.EncodeToString(mac(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(signingInput)))}";
    }

    private static string Encode(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}

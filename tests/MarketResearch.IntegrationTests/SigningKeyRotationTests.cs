using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// The signing-key rotation of docs/operations.md, phase by phase, on in-process API replicas beside the AppHost's
/// (which keeps the old key throughout, like a pod not yet restarted): 1. every replica also accepts the new key;
/// 2. replicas sign with the new key and still accept the old; 3. the old key is dropped. No one is signed out
/// while replicas of neighbouring phases serve side by side.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class SigningKeyRotationTests(LocalStackFixture stack)
{
    private static readonly string NewKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(48));

    [Fact]
    public async Task Tokens_stay_valid_across_every_phase_of_a_rotation_and_the_old_key_is_refused_after_it()
    {
        var redis = await stack.App.GetConnectionStringAsync("redis") ?? throw new InvalidOperationException("No Redis connection string.");
        await using var acceptsNew = await ApiReplica.StartAsync(stack, redis, stack.SigningKey, [NewKey]);
        await using var signsNew = await ApiReplica.StartAsync(stack, redis, NewKey, [stack.SigningKey]);
        await using var rotated = await ApiReplica.StartAsync(stack, redis, NewKey);
        using var user = await ApiUser.RegisterAsync(stack);
        var oldToken = user.Tokens.AccessToken;
        Assert.Equal(KeyId(stack.SigningKey), new JsonWebToken(oldToken).Kid);

        // Phase 2 signs with the new key; phase-1 replicas (still running during the roll-out) accept it.
        using var anonymous = signsNew.AnonymousClient();
        var newTokens = await ApiUser.LoginAsync(anonymous, user.Email, ApiUser.Password);
        Assert.Equal(KeyId(NewKey), new JsonWebToken(newTokens.AccessToken).Kid);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(acceptsNew, newTokens.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(signsNew, newTokens.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(rotated, newTokens.AccessToken));
        // Why phase 1 exists: a replica that never learned the new key refuses its tokens.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(user.Client, newTokens.AccessToken));

        // Tokens signed with the old key keep working until phase 3 drops it.
        Assert.Equal(HttpStatusCode.OK, await MeAsync(acceptsNew, oldToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(signsNew, oldToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(rotated, oldToken));

        // Refresh tokens are not signed: one issued under the old key is exchanged for a new-key token after phase 3.
        using var afterRotation = rotated.AnonymousClient();
        var refreshed = await afterRotation.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var refreshedTokens = (await refreshed.Content.ReadFromJsonAsync<TokenPair>())!;
        Assert.Equal(KeyId(NewKey), new JsonWebToken(refreshedTokens.AccessToken).Kid);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(rotated, refreshedTokens.AccessToken));
    }

    private static async Task<HttpStatusCode> MeAsync(ApiReplica replica, string accessToken)
    {
        using var client = replica.ClientWith(accessToken);
        using var response = await client.GetAsync("/api/v1/auth/me");
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient stackClient, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await stackClient.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The kid the API derives from a key (SigningKeys): first 8 bytes of its SHA-256, lower-case hex.</summary>
    private static string KeyId(string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))[..8]).ToLowerInvariant();
}

using Microsoft.IdentityModel.JsonWebTokens;
using Xunit.Abstractions;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// Revocation across API replicas: the AppHost's API is one replica, an in-process API on the same Postgres and Redis
/// is the other. Each answers from its in-memory revocation mirror while that is provably current.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class RevocationReplicaTests(LocalStackFixture stack, ITestOutputHelper output)
{
    /// <summary>The promise: a revoked token gets 401 on every replica within one second.</summary>
    private static readonly TimeSpan RevocationDeadline = TimeSpan.FromSeconds(1);

    /// <summary>Generous for a shared two-core machine: connecting, subscribing and the first reload.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    /// <summary>Refusing while Redis is away may take the fallback's own timeout (1 s) plus a loaded machine's delays.</summary>
    private static readonly TimeSpan FailClosedWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_logout_on_one_replica_is_refused_by_the_other_within_a_second_from_its_mirror()
    {
        await using var replica = await ApiReplica.StartAsync(stack, await RedisAsync());
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);
        using var user = await ApiUser.RegisterAsync(stack);
        using var onOtherReplica = replica.ClientWith(user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await onOtherReplica.GetAsync("/api/v1/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        var elapsed = await ApiReplica.TimeUntilAsync(onOtherReplica, HttpStatusCode.Unauthorized, RevocationDeadline);
        output.WriteLine($"refused by the other replica {elapsed.TotalMilliseconds:0} ms after the logout answered");
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);
        var (tokenId, userId, issuedAt) = Claims(user.Tokens.AccessToken);
        Assert.True(replica.Mirror.TryIsRevoked(tokenId, userId, issuedAt), "the mirror itself knows the revoked jti");
    }

    [Fact]
    public async Task Signing_out_everywhere_on_one_replica_is_refused_by_the_other_within_a_second()
    {
        await using var replica = await ApiReplica.StartAsync(stack, await RedisAsync());
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);
        using var user = await ApiUser.RegisterAsync(stack);
        using var onOtherReplica = replica.ClientWith(user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await onOtherReplica.GetAsync("/api/v1/auth/me")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // The epoch has one-second resolution.

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.PostAsync("/api/v1/auth/logout-all", null)).StatusCode);

        var elapsed = await ApiReplica.TimeUntilAsync(onOtherReplica, HttpStatusCode.Unauthorized, RevocationDeadline);
        output.WriteLine($"refused by the other replica {elapsed.TotalMilliseconds:0} ms after logout-all answered");
        var fresh = await ApiUser.LoginAsync(user.Client, user.Email, ApiUser.Password);
        using var freshOnOtherReplica = replica.ClientWith(fresh.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await freshOnOtherReplica.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Without_redis_a_replica_refuses_every_token_and_after_reconnecting_knows_what_it_missed()
    {
        var (proxy, throughProxy) = await ApiReplica.RedisBehindProxyAsync(stack);
        await using var _ = proxy;
        await using var replica = await ApiReplica.StartAsync(stack, throughProxy);
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);
        using var kept = await ApiUser.RegisterAsync(stack);
        using var revoked = await ApiUser.RegisterAsync(stack);
        using var keptOnReplica = replica.ClientWith(kept.Tokens.AccessToken);
        using var revokedOnReplica = replica.ClientWith(revoked.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await keptOnReplica.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await revokedOnReplica.GetAsync("/api/v1/auth/me")).StatusCode);

        proxy.Cut();
        var refusedAfter = await ApiReplica.TimeUntilAsync(keptOnReplica, HttpStatusCode.Unauthorized, FailClosedWithin);
        output.WriteLine($"fail closed {refusedAfter.TotalMilliseconds:0} ms after Redis became unreachable");
        Assert.False(replica.Mirror.IsCurrent);
        // Revoked while this replica cannot hear it: the message is lost to it, the sorted set is not.
        Assert.Equal(HttpStatusCode.NoContent, (await revoked.Client.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await keptOnReplica.GetAsync("/api/v1/auth/me")).StatusCode);

        Assert.False(replica.MirrorStopped, "the revocation mirror's loop ended while Redis was unreachable");

        proxy.Restore();
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);

        Assert.Equal(HttpStatusCode.OK, (await keptOnReplica.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revokedOnReplica.GetAsync("/api/v1/auth/me")).StatusCode);
        var (tokenId, userId, issuedAt) = Claims(revoked.Tokens.AccessToken);
        Assert.True(replica.Mirror.TryIsRevoked(tokenId, userId, issuedAt), "the reload after reconnecting brought in the missed revocation");
    }

    [Fact]
    public async Task A_silent_redis_link_times_out_closed_and_the_replica_recovers_when_it_speaks_again()
    {
        // Short timeouts so the pings and reloads sent into the silence time out within the test (they are
        // TimeoutExceptions, not RedisExceptions; one that escaped the mirror's loop once stopped a whole replica).
        var (proxy, throughProxy) = await ApiReplica.RedisBehindProxyAsync(stack, ",asyncTimeout=300,syncTimeout=300");
        await using var _ = proxy;
        await using var replica = await ApiReplica.StartAsync(stack, throughProxy);
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);
        using var user = await ApiUser.RegisterAsync(stack);
        using var onReplica = replica.ClientWith(user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await onReplica.GetAsync("/api/v1/auth/me")).StatusCode);

        proxy.Silence();
        var refusedAfter = await ApiReplica.TimeUntilAsync(onReplica, HttpStatusCode.Unauthorized, FailClosedWithin);
        output.WriteLine($"fail closed {refusedAfter.TotalMilliseconds:0} ms after Redis went silent");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // Several pings time out meanwhile.
        Assert.False(replica.MirrorStopped, "the revocation mirror's loop ended while Redis was silent");

        proxy.Restore();
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);
        Assert.Equal(HttpStatusCode.OK, (await onReplica.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    private async Task<string> RedisAsync() =>
        await stack.App.GetConnectionStringAsync("redis") ?? throw new InvalidOperationException("No Redis connection string.");

    private static (string TokenId, Guid UserId, DateTimeOffset IssuedAt) Claims(string accessToken)
    {
        var token = new JsonWebToken(accessToken);
        return (token.Id, Guid.Parse(token.Subject), new DateTimeOffset(token.IssuedAt, TimeSpan.Zero));
    }
}

namespace MarketResearch.IntegrationTests;

/// <summary>
/// An API replica whose Redis link goes silent: every request that needs Redis answers 503 with Retry-After (the
/// server's trouble, not the client's), never a 500, however the dying connection fails; and it recovers.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class RedisOutageTests(LocalStackFixture stack)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sign_ins_during_a_redis_outage_answer_503_with_retry_after_and_work_again_afterwards()
    {
        // Short client timeouts, so the silence is noticed, the socket declared dead and reconnected within the test.
        var (proxy, throughProxy) = await ApiReplica.RedisBehindProxyAsync(stack, ",asyncTimeout=300,syncTimeout=300");
        await using var _ = proxy;
        await using var replica = await ApiReplica.StartAsync(stack, throughProxy);
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);
        using var user = await ApiUser.RegisterAsync(stack);
        using var anonymous = replica.AnonymousClient();

        proxy.Silence();
        var answers = new List<(HttpStatusCode Status, bool RetryAfter)>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (started.Elapsed < Outage)
        {
            using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ApiUser.Password });
            answers.Add((response.StatusCode, response.Headers.RetryAfter is not null));
        }

        Assert.NotEmpty(answers);
        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.True(answer.RetryAfter, "a 503 says when to retry");
        });

        proxy.Restore();
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);
        // Sign-ins held in the silent link may reach Redis on restore and count towards this account's limit: a fresh
        // account shows that signing in works again. The limiter's own connection may be back after the mirror's: 503
        // until then, nothing else.
        using var fresh = await ApiUser.RegisterAsync(stack);
        var recovering = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage after;
        while (true)
        {
            after = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = fresh.Email, password = ApiUser.Password });
            if (after.StatusCode != HttpStatusCode.ServiceUnavailable || recovering.Elapsed > Settle)
            {
                break;
            }

            after.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        using (after)
        {
            Assert.True(after.StatusCode == HttpStatusCode.OK, $"after the outage: {(int)after.StatusCode} {await after.Content.ReadAsStringAsync()}");
        }
    }
}

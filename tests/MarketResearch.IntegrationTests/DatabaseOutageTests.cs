namespace MarketResearch.IntegrationTests;

/// <summary>
/// An API replica whose Postgres link is cut: sign-ins and reads answer 503 with Retry-After (the server's trouble, not
/// the client's), never a 500, and the replica serves again once the database is back.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class DatabaseOutageTests(LocalStackFixture stack)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Requests_during_a_database_outage_answer_503_with_retry_after_and_work_again_afterwards()
    {
        var redis = await stack.App.GetConnectionStringAsync("redis") ?? throw new InvalidOperationException("No Redis connection string.");
        var (proxy, throughProxy) = await ApiReplica.DatabaseBehindProxyAsync(stack);
        await using var _ = proxy;
        await using var replica = await ApiReplica.StartAsync(stack, redis, databaseConnectionString: throughProxy);
        await replica.WaitUntilMirrorIsCurrentAsync(Settle);
        using var user = await ApiUser.RegisterAsync(stack);
        using var anonymous = replica.AnonymousClient();
        using var member = replica.ClientWith(user.Tokens.AccessToken);
        using (var before = await member.GetAsync("/api/v1/projects"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // the replica's pool now holds connections the cut breaks
        }

        proxy.Cut();
        var answers = new List<(string Request, HttpStatusCode Status, bool RetryAfter)>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        // One sign-in (each attempt counts towards the account's limit), then reads for the rest of the outage.
        using (var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = ApiUser.Password }))
        {
            answers.Add(("login", login.StatusCode, login.Headers.RetryAfter is not null));
        }

        while (started.Elapsed < Outage)
        {
            using var read = await member.GetAsync("/api/v1/projects");
            answers.Add(("projects", read.StatusCode, read.Headers.RetryAfter is not null));
        }

        Assert.All(answers, answer =>
        {
            Assert.True(answer.Status == HttpStatusCode.ServiceUnavailable, $"{answer.Request} answered {(int)answer.Status} during the outage ({answers.Count} requests)");
            Assert.True(answer.RetryAfter, "a 503 says when to retry");
        });

        proxy.Restore();
        await ApiReplica.TimeUntilAsync(member, HttpStatusCode.OK, Settle); // GET /auth/me reads the user's row
    }
}

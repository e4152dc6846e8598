namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class StackHealthTests(LocalStackFixture stack)
{
    public static TheoryData<string> Services => new(LocalStackFixture.Services);

    [Fact]
    public async Task Migrations_ran_to_completion_with_exit_code_zero()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var resource = await stack.App.ResourceNotifications.WaitForResourceAsync(
            "migrations", update => update.Snapshot.State?.Text == KnownResourceStates.Finished, timeout.Token);

        Assert.Equal(0, resource.Snapshot.ExitCode);
    }

    [Fact]
    public void The_stack_becomes_healthy_in_reasonable_time()
    {
        // The bar is 20 s on a warm build; the fixture allows for a cold one on a busy 2-core machine.
        Assert.True(stack.TimeToHealthy < TimeSpan.FromSeconds(90), $"Healthy after {stack.TimeToHealthy}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Liveness_answers_on_every_service(string service)
    {
        using var client = stack.CreateClient(service);

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"Healthy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Readiness_answers_on_every_service(string service)
    {
        using var client = stack.CreateClient(service);

        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (service != "web")
        {
            // Ready means the data stores answer and the schema is migrated.
            Assert.Contains("\"migrations\":{\"status\":\"Healthy\"", body, StringComparison.Ordinal);
            Assert.Contains("\"StackExchange.Redis\":{\"status\":\"Healthy\"", body, StringComparison.Ordinal);
            Assert.Contains("\"ResearchDbContext\":{\"status\":\"Healthy\"", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Metrics_are_exposed_in_prometheus_text_on_every_service(string service)
    {
        using var client = stack.CreateClient(service);

        var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        // Runtime instrumentation is on everywhere, so a service with no traffic yet still has series.
        Assert.Contains("# TYPE dotnet_gc_collections_total counter", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_is_visibly_alive_through_its_heartbeat_metric()
    {
        using var client = stack.CreateClient("worker");

        var first = HeartbeatCount(await client.GetStringAsync("/metrics"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var latest = first;
        while (latest <= first && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            latest = HeartbeatCount(await client.GetStringAsync("/metrics"));
        }

        Assert.True(latest > first, $"worker_heartbeats_total stayed at {first}");
    }

    private static double HeartbeatCount(string metrics) => PrometheusText.Samples(metrics, "worker_heartbeats_total").Single().Value;
}

using System.Net.Http.Headers;
using MarketResearch.Api.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// A second API process's worth of state, in-process: the real API built against the test stack's Postgres and a
/// Redis address of the test's choosing, beside the AppHost's own API replica.
/// </summary>
internal sealed class ApiReplica : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private readonly WebApplicationFactory<MarketResearch.Api.ApiOptions> _factory;

    private ApiReplica(WebApplicationFactory<MarketResearch.Api.ApiOptions> factory)
    {
        _factory = factory;
        Mirror = factory.Services.GetRequiredService<RevocationMirror>();
    }

    /// <summary>Held from the start, so it can still be inspected if the replica's host has stopped.</summary>
    public RevocationMirror Mirror { get; }

    /// <summary>True once the mirror's background loop has ended, which only a stopping host should cause.</summary>
    public bool MirrorStopped => Mirror.ExecuteTask is not { IsCompleted: false };

    public static async Task<ApiReplica> StartAsync(
        LocalStackFixture stack, string redisConnectionString, string? signingKey = null, IReadOnlyList<string>? previousSigningKeys = null,
        string? databaseConnectionString = null)
    {
        var database = databaseConnectionString ?? await stack.DatabaseConnectionStringAsync();
        var factory = new WebApplicationFactory<MarketResearch.Api.ApiOptions>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:marketresearch", database)
                .UseSetting("ConnectionStrings:redis", redisConnectionString)
                .UseSetting("Auth:SigningKey", signingKey ?? stack.SigningKey);
            foreach (var (key, value) in LocalStackFixture.TestRateLimits)
            {
                host.UseSetting(key, value);
            }

            foreach (var (key, index) in (previousSigningKeys ?? []).Select((key, index) => (key, index)))
            {
                host.UseSetting($"Auth:PreviousSigningKeys:{index}", key);
            }
        });
        _ = factory.Server; // Starts the host, and with it the revocation mirror.
        return new ApiReplica(factory);
    }

    /// <summary>
    /// The stack's Redis behind a proxy the test can cut or silence, and a connection string through it with the given
    /// extra client options (e.g. short timeouts).
    /// </summary>
    public static async Task<(CuttableTcpProxy Proxy, string Redis)> RedisBehindProxyAsync(LocalStackFixture stack, string clientOptions = "")
    {
        var redis = await stack.App.GetConnectionStringAsync("redis") ?? throw new InvalidOperationException("No Redis connection string.");
        var (host, port) = HostAndPort(redis);
        var proxy = new CuttableTcpProxy(host, port);
        return (proxy, redis.Replace($"{host}:{port}", $"127.0.0.1:{proxy.Port}", StringComparison.Ordinal) + clientOptions);
    }

    /// <summary>The stack's Postgres behind a proxy the test can cut, and a connection string through it.</summary>
    public static async Task<(CuttableTcpProxy Proxy, string Database)> DatabaseBehindProxyAsync(LocalStackFixture stack)
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(await stack.DatabaseConnectionStringAsync());
        var proxy = new CuttableTcpProxy(database.Host!, database.Port);
        database.Host = "127.0.0.1";
        database.Port = proxy.Port;
        return (proxy, database.ConnectionString);
    }

    /// <summary>The first endpoint of a StackExchange.Redis connection string.</summary>
    private static (string Host, int Port) HostAndPort(string redisConnectionString)
    {
        var endpoint = redisConnectionString.Split(',')[0];
        var colon = endpoint.LastIndexOf(':');
        return (endpoint[..colon], int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A client without a token, for anonymous endpoints such as login and refresh.</summary>
    public HttpClient AnonymousClient() => _factory.CreateClient();

    public HttpClient ClientWith(string accessToken)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task WaitUntilMirrorIsCurrentAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!Mirror.IsCurrent)
        {
            await Task.Delay(PollInterval, deadline.Token);
        }
    }

    /// <summary>How long until GET /auth/me with the client's token answers <paramref name="expected"/>; fails after the timeout.</summary>
    public static async Task<TimeSpan> TimeUntilAsync(HttpClient client, HttpStatusCode expected, TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/api/v1/auth/me");
            if (response.StatusCode == expected)
            {
                return started.Elapsed;
            }

            if (started.Elapsed >= timeout)
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.Fail($"still {(int)response.StatusCode} after {started.Elapsed.TotalMilliseconds:0} ms, expected {(int)expected}: {body[..Math.Min(body.Length, 3000)]}");
            }

            await Task.Delay(PollInterval);
        }
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

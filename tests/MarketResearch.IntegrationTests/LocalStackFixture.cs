using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// Starts the whole AppHost once per test run with a throwaway state folder and fresh random secrets, and waits
/// until every resource is healthy. Local mode (Postgres and Redis as OS processes) unless the environment sets
/// Infrastructure__Mode=containers, as the GitHub workflow does where Docker runs.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["api", "worker", "web"];
    public static readonly string[] DataStores = ["postgres", "redis"];
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(6);

    /// <summary>Short, so a test can watch an account lock and unlock; production uses 15 minutes.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromSeconds(3);

    /// <summary>Above the lockout threshold (5) so lockout is observable before the per-account limit answers 429.</summary>
    public const int LoginPerAccountLimit = 8;

    /// <summary>The stack's rate limits, which API replicas started by tests take too (they share the Redis counters).</summary>
    public static readonly IReadOnlyList<(string Key, string Value)> TestRateLimits =
    [
        ("RateLimits:Register:PermitLimit", "100000"),
        ("RateLimits:Login:PermitLimit", "100000"),
        ("RateLimits:General:PermitLimit", "1000000"),
        ("RateLimits:LoginPerAccount:PermitLimit", LoginPerAccountLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>Small, so the over-size upload test sends megabytes, not the production 50 MB.</summary>
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    /// <summary>The worker's job lease in tests; production uses 30 s.</summary>
    public static readonly TimeSpan JobLease = TimeSpan.FromSeconds(3);

    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), $"marketresearch-test-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The stack has not started.");

    public TimeSpan TimeToHealthy { get; private set; }

    /// <summary>The API's token signing key, so abuse tests can forge tokens the way an insider with the key could.</summary>
    public string SigningKey { get; } = RandomSecret() + RandomSecret();

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MarketResearch_AppHost>(
        [
            $"Infrastructure:Mode={Environment.GetEnvironmentVariable("Infrastructure__Mode") ?? "local"}",
            $"Infrastructure:StateDirectory={_stateDirectory}",
            $"Parameters:postgres-password={RandomSecret()}",
            $"Parameters:redis-password={RandomSecret()}",
            $"Parameters:graph-password={RandomSecret()}",
            $"Parameters:token-signing-key={SigningKey}",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // Tests register and sign in many users from one address: keep the per-address limits out of their way.
        // The per-account login limit stays at its production value so that a test can hit it.
        var api = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "api"));
        foreach (var (key, value) in TestRateLimits)
        {
            api.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }

        api.WithEnvironment("Auth__LockoutDuration", LockoutDuration.ToString())
            .WithEnvironment("Knowledge__MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Short leases and backoffs so retry, cancellation and reclaim tests finish in seconds.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "worker"))
            .WithEnvironment("Jobs__LeaseDuration", JobLease.ToString())
            .WithEnvironment("Jobs__RetryBaseDelay", "00:00:00.200")
            .WithEnvironment("Worker__Jobs__PollInterval", "00:00:00.500")
            .WithEnvironment("Worker__Jobs__MaintenanceInterval", "00:00:01");

        var started = System.Diagnostics.Stopwatch.StartNew();
        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartupTimeout);
        await _app.StartAsync(timeout.Token);

        foreach (var resource in DataStores.Concat(Services))
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        TimeToHealthy = started.Elapsed;
    }

    public HttpClient CreateClient(string service) => App.CreateHttpClient(service);

    public async Task<string> DatabaseConnectionStringAsync() =>
        await App.GetConnectionStringAsync("marketresearch") ?? throw new InvalidOperationException("No connection string.");

    /// <summary>A count straight from Postgres (what the API does not show), with one uuid parameter <c>@id</c>.</summary>
    public async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling file handle only leaves a folder in the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Letters and digits only, as the AppHost generates them.</summary>
    private static string RandomSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

[CollectionDefinition(Name)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "local stack";
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using MarketResearch.Api.Identity;
using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace MarketResearch.Bench;

/// <summary>The Identity issue's bars: login p95 at 10 concurrent clients, and what token validation adds to a request.</summary>
internal static class AuthBenchmarks
{
    private const int Clients = 10;
    private const int LoginsPerClient = 30;

    /// <summary>BENCH_LOGINS_PER_CLIENT overrides the 30 rounds, e.g. for A/B runs whose CPU per login must average more logins.</summary>
    private static readonly int LoginRounds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_LOGINS_PER_CLIENT"), out var rounds) && rounds > 0
        ? rounds
        : LoginsPerClient;
    private const int ValidationRounds = 5000;
    private const string Password = "benchmark passphrase that is long";
    private const int WarmUpRounds = 30;

    /// <summary>Idle CPU of the API below which its start-up JIT is over (a quarter of it is a few pings and timers).</summary>
    private const double SettledMsPerSecond = 100;

    private static readonly TimeSpan SettleCheck = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxSettleWait = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbePause = TimeSpan.FromMilliseconds(20);

    public static async Task RunAsync(BenchStack stack)
    {
        using var api = stack.App.CreateHttpClient("api");
        var emails = new List<string>();
        for (var index = 0; index < Clients; index++)
        {
            var email = $"bench-{index}-{Guid.NewGuid():N}@example.test";
            (await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Bench" })).EnsureSuccessStatusCode();
            emails.Add(email);
        }

        // Warm-up: JIT (a method is recompiled at tier 1 after 30 calls, in the background), connection pools, EF model.
        // Thirty rounds of every client, so every method of a sign-in passes the tier-1 threshold before the measured run:
        // with five, the run itself still recompiled and the API's CPU per login read 3–5 ms high (BENCHMARKS.md, session 7).
        for (var round = 0; round < WarmUpRounds; round++)
        {
            await Task.WhenAll(emails.Select(email => LoginAsync(api, email)));
        }

        string[] servers = ["api", "postgres", "redis"];
        // What the API burns with no request at all (health checks, metrics scrapes, revocation-mirror pings), to tell
        // apart from the CPU of a login below.
        await PrintIdleCpuAsync(stack, "right after the warm-up");
        await WaitForJitToSettleAsync(stack);
        await PrintIdleCpuAsync(stack, "before the login run");

        var cpuBefore = servers.ToDictionary(server => server, stack.CpuTimeOf);
        var machineBefore = BenchStack.MachineCpuTime();
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine($"load average before the login run: {BenchStack.LoadAverage()}");
        var samples = new ConcurrentBag<TimeSpan>();
        var stages = new ConcurrentBag<(string Stage, double Milliseconds)>();
        // Another user's reads during the sign-in flood: what the rest of the API feels while the cores hash.
        var probeToken = (await LoginAsync(api, emails[0])).AccessToken;
        using var flooding = new CancellationTokenSource();
        var probe = ProbeDuringLoginsAsync(stack, probeToken, flooding.Token);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(emails.Select(async email =>
        {
            using var client = stack.App.CreateHttpClient("api");
            for (var round = 0; round < LoginRounds; round++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
                response.EnsureSuccessStatusCode();
                samples.Add(Stopwatch.GetElapsedTime(started));
                foreach (var stage in ServerTiming.Stages(response))
                {
                    stages.Add(stage);
                }
            }
        }));
        await flooding.CancelAsync();
        Console.WriteLine($"POST /api/v1/auth/login, {Clients} concurrent clients: {new Latencies(samples).Describe()}, {samples.Count / wall.Elapsed.TotalSeconds:0} logins/s");
        Console.WriteLine($"GET /api/v1/auth/me by one more client during the logins: {(await probe).Describe()}");
        Console.WriteLine($"load average after the login run: {BenchStack.LoadAverage()}");
        // Wall time per stage inside the API (its Server-Timing header); "hash" includes the wait for a hashing slot.
        foreach (var stage in stages.GroupBy(stage => stage.Stage))
        {
            Console.WriteLine($"  login stage {stage.Key}: {new Latencies(stage.Select(entry => TimeSpan.FromMilliseconds(entry.Milliseconds))).Describe()}");
        }

        // CPU per login does not depend on how busy the machine is: the API's share includes one Argon2id verification.
        var benchCpu = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalMilliseconds / samples.Count;
        var perServer = servers.Select(server => cpuBefore[server] is { } before && stack.CpuTimeOf(server) is { } after
            ? $"{server} {(after - before).TotalMilliseconds / samples.Count:0.0} ms"
            : $"{server} (process not found)");
        Console.WriteLine($"CPU per login: {string.Join(", ", perServer)}, bench client {benchCpu:0.0} ms");
        // Every process on the machine (Aspire, monitoring, worker, other people's work): meaningful only on a quiet machine.
        Console.WriteLine($"CPU per login, whole machine: {(BenchStack.MachineCpuTime() - machineBefore).TotalMilliseconds / samples.Count:0.0} ms ({Environment.ProcessorCount} cores)");
        await PrintIdleCpuAsync(stack, "after the login run");

        MeasureHashing(stack);
        var token = (await LoginAsync(api, emails[0])).AccessToken;
        await MeasureValidationAsync(stack, token, mirrorEnabled: false);
        await MeasureValidationAsync(stack, token, mirrorEnabled: true);
        await MeasureAuthenticatedRequestAsync(stack, token);
    }

    /// <summary>
    /// CPU time of one verification at each of OWASP's Argon2id rows (the API's default marked; libsodium against the managed
    /// code, see <see cref="Argon2Benchmarks"/>), of PBKDF2, and of signing one access token: the fastest of a few rounds of
    /// each, so machine load matters less.
    /// </summary>
    private static void MeasureHashing(BenchStack stack)
    {
        var user = new ResearchUser { Email = "bench@example.test", DisplayName = "Bench" };
        Argon2Benchmarks.PrintRows();

        var pbkdf2 = new PasswordHasher<ResearchUser>();
        var pbkdf2Hash = pbkdf2.HashPassword(user, Password);
        Console.WriteLine($"one verification, PBKDF2-HMAC-SHA512 100,000 iterations: {CpuPerCall(() => pbkdf2.VerifyHashedPassword(user, pbkdf2Hash, Password)):0.0} ms CPU");

        var auth = Options.Create(new AuthOptions { SigningKey = stack.SigningKey });
        var issuer = new AccessTokenIssuer(new SigningKeys(auth), auth, TimeProvider.System);
        Console.WriteLine($"one access token signed (HS256 JWT): {CpuPerCall(() => issuer.Issue(user, Guid.NewGuid()), calls: 2000):0.000} ms CPU");
    }

    /// <summary>
    /// The runtime keeps re-JITting the API at tier 1 (with dynamic PGO) for a minute or more after start-up, at
    /// 0.6–0.8 of a core on this machine; a long-running API has long finished that, so the login run waits for it
    /// (bounded) and measures the steady state. The idle figures before and after are printed either way.
    /// </summary>
    private static async Task WaitForJitToSettleAsync(BenchStack stack)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < MaxSettleWait && stack.CpuTimeOf("api") is { } before)
        {
            var clock = Stopwatch.StartNew();
            await Task.Delay(SettleCheck);
            if (stack.CpuTimeOf("api") is not { } after || (after - before).TotalMilliseconds / clock.Elapsed.TotalSeconds < SettledMsPerSecond)
            {
                break;
            }
        }

        Console.WriteLine($"waited {waited.Elapsed.TotalSeconds:0} s for the API's start-up JIT to settle (at most {MaxSettleWait.TotalSeconds:0} s)");
    }

    private static async Task PrintIdleCpuAsync(BenchStack stack, string when)
    {
        const int TopThreads = 5;
        const double MillisecondsPerTick = 10;
        var before = stack.CpuTimeOf("api");
        var threadsBefore = stack.ThreadTicksOf("api");
        var clock = Stopwatch.StartNew();
        await Task.Delay(IdleWindow);
        if (before is { } start && stack.CpuTimeOf("api") is { } end)
        {
            Console.WriteLine($"API CPU while idle {when}: {(end - start).TotalMilliseconds / clock.Elapsed.TotalSeconds:0.0} ms per second");
            // Which threads (by name, per process of the API's tree) burn it.
            var busiest = stack.ThreadTicksOf("api")
                .Select(thread => (thread.Key, Ms: (thread.Value - threadsBefore.GetValueOrDefault(thread.Key)) * MillisecondsPerTick / clock.Elapsed.TotalSeconds))
                .Where(thread => thread.Ms > 0).OrderByDescending(thread => thread.Ms).Take(TopThreads);
            Console.WriteLine($"  busiest threads (pid/name, ms per second): {string.Join(", ", busiest.Select(thread => $"{thread.Key} {thread.Ms:0}"))}");
        }
    }

    private static double CpuPerCall(Action action, int calls = 20)
    {
        const int Rounds = 3;
        var fastest = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            for (var call = 0; call < calls; call++)
            {
                action();
            }

            fastest = Math.Min(fastest, (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / calls);
        }

        return fastest;
    }

    /// <summary>
    /// The work the API adds per authenticated request: signature and claims validation plus the revocation check,
    /// answered by the in-memory mirror (as the API does while it is current) or by one MGET to Redis (the fallback).
    /// </summary>
    private static async Task MeasureValidationAsync(BenchStack stack, string token, bool mirrorEnabled)
    {
        var options = Options.Create(new AuthOptions { SigningKey = stack.SigningKey });
        var keys = new SigningKeys(options);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = options.Value.Audience,
            IssuerSigningKeys = keys.All,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await stack.App.GetConnectionStringAsync("redis"))!);
        var revocationOptions = Options.Create(new RevocationOptions { MirrorEnabled = mirrorEnabled });
        using var mirror = new RevocationMirror(redis, revocationOptions, options, TimeProvider.System, NullLogger<RevocationMirror>.Instance);
        await mirror.StartAsync(CancellationToken.None);
        while (mirrorEnabled && !mirror.IsCurrent)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        var revocation = new TokenRevocation(redis, mirror, revocationOptions, TimeProvider.System);
        var handler = new JsonWebTokenHandler();

        var samples = new List<TimeSpan>(ValidationRounds);
        var fromMirror = 0;
        for (var round = 0; round < ValidationRounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await handler.ValidateTokenAsync(token, parameters);
            var claims = result.ClaimsIdentity;
            fromMirror += mirror.IsCurrent ? 1 : 0;
            await revocation.IsRevokedAsync(
                claims.FindFirst(JwtRegisteredClaimNames.Jti)!.Value,
                Guid.Parse(claims.FindFirst(JwtRegisteredClaimNames.Sub)!.Value),
                DateTimeOffset.FromUnixTimeSeconds(long.Parse(claims.FindFirst(JwtRegisteredClaimNames.Iat)!.Value, System.Globalization.CultureInfo.InvariantCulture)));
            if (!result.IsValid)
            {
                throw new InvalidOperationException("The benchmark token did not validate.");
            }

            samples.Add(Stopwatch.GetElapsedTime(started));
        }

        await mirror.StopAsync(CancellationToken.None);
        var path = mirrorEnabled ? $"in-memory mirror ({fromMirror * 100.0 / ValidationRounds:0.0}% answered from it)" : "one MGET to the real Redis";
        Console.WriteLine($"token validation + revocation check, {path}: {new Latencies(samples.Skip(100)).Describe()}");
    }

    /// <summary>End to end for context: an authenticated GET against an anonymous one on the same server.</summary>
    private static async Task MeasureAuthenticatedRequestAsync(BenchStack stack, string token)
    {
        using var client = stack.App.CreateHttpClient("api");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var anonymous = await TimeAsync(() => client.GetAsync("/health/live"));
        var authenticated = await TimeAsync(() => client.GetAsync("/api/v1/auth/me"));
        Console.WriteLine($"GET /health/live (anonymous): {anonymous.Describe()}");
        Console.WriteLine($"GET /api/v1/auth/me (authenticated, one user lookup): {authenticated.Describe()}");
    }

    private static async Task<Latencies> ProbeDuringLoginsAsync(BenchStack stack, string token, CancellationToken stop)
    {
        using var client = stack.App.CreateHttpClient("api");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var samples = new List<TimeSpan>();
        // Untimed: the first request opens the client's connection and compiles its handlers (a 300 ms "max" otherwise).
        using (var first = await client.GetAsync("/api/v1/auth/me", CancellationToken.None))
        {
            first.EnsureSuccessStatusCode();
        }

        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync("/api/v1/auth/me", CancellationToken.None);
            response.EnsureSuccessStatusCode();
            samples.Add(Stopwatch.GetElapsedTime(started));
            // Paced, so the probe adds little CPU of its own to the logins' figures.
            await Task.Delay(ProbePause, CancellationToken.None);
        }

        return new Latencies(samples);
    }

    private static async Task<Latencies> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var samples = new List<TimeSpan>();
        for (var round = 0; round < 1100; round++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await call();
            response.EnsureSuccessStatusCode();
            if (round >= 100)
            {
                samples.Add(Stopwatch.GetElapsedTime(started));
            }
        }

        return new Latencies(samples);
    }

    private static async Task<TokenResponse> LoginAsync(HttpClient client, string email)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }
}

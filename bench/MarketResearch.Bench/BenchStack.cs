using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketResearch.Bench;

/// <summary>The whole AppHost in local mode with a throwaway state folder, as the integration tests run it.</summary>
internal sealed class BenchStack : IAsyncDisposable
{
    private readonly string _stateDirectory;

    private BenchStack(DistributedApplication app, string stateDirectory, string signingKey, TimeSpan timeToHealthy)
    {
        App = app;
        _stateDirectory = stateDirectory;
        SigningKey = signingKey;
        TimeToHealthy = timeToHealthy;
    }

    public DistributedApplication App { get; }
    public string SigningKey { get; }
    public TimeSpan TimeToHealthy { get; }

    /// <param name="appHostWorker">False leaves the AppHost's worker stopped, for benches that run their own replicas.</param>
    /// <param name="settings">Extra AppHost configuration, e.g. <c>Llm:Provider=OpenAICompatible</c>.</param>
    public static async Task<BenchStack> StartAsync(bool appHostWorker = true, IReadOnlyList<string>? settings = null)
    {
        var state = Path.Combine(Path.GetTempPath(), $"marketresearch-bench-{Guid.NewGuid():N}");
        var signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(40));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MarketResearch_AppHost>(
        [
            "Infrastructure:Mode=local",
            $"Infrastructure:StateDirectory={state}",
            $"Parameters:postgres-password={Secret()}",
            $"Parameters:redis-password={Secret()}",
            $"Parameters:graph-password={Secret()}",
            $"Parameters:token-signing-key={signingKey}",
            .. settings ?? [],
        ]);
        // The AppHost's configuration logs every HTTP call and resource line at Information; printing those costs the
        // bench process CPU on the cores it measures, so only warnings and errors are written.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
            .AddFilter("MarketResearch.AppHost.Resources", LogLevel.Warning)
            .AddFilter("Aspire", LogLevel.Warning));
        // Load comes from one address and a few accounts: lift the abuse limits, measure the work itself.
        var api = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "api"));
        api.WithEnvironment("RateLimits__Register__PermitLimit", "1000000")
            .WithEnvironment("RateLimits__Login__PermitLimit", "1000000")
            .WithEnvironment("RateLimits__LoginPerAccount__PermitLimit", "1000000")
            .WithEnvironment("RateLimits__General__PermitLimit", "1000000")
            // On a busy shared machine a counter can take over the default 1 s; let that show as latency, not as a 503.
            .WithEnvironment("RateLimits__StoreTimeout", "00:00:05")
            // For A/B runs of the login bar: e.g. 256 lifts the bound on concurrent hashes (0, the default, is one per core).
            .WithEnvironment("Auth__PasswordHashing__MaxConcurrentHashes", Environment.GetEnvironmentVariable("BENCH_MAX_CONCURRENT_HASHES") ?? "0");
        // For A/B runs of runtime settings of the API, e.g. BENCH_API_ENV="DOTNET_TieredPGO=0;DOTNET_TC_QuickJitForLoops=1".
        foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_API_ENV") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = setting.Split('=', 2);
            api.WithEnvironment(parts[0], parts.Length == 2 ? parts[1] : string.Empty);
        }

        // For A/B runs of the Argon2id cost (e.g. BENCH_ARGON2_MEMORY_KIB=19456 BENCH_ARGON2_ITERATIONS=2); unset, the API's default.
        foreach (var (variable, setting) in new[] { ("BENCH_ARGON2_MEMORY_KIB", "MemoryKiB"), ("BENCH_ARGON2_ITERATIONS", "Iterations") })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                api.WithEnvironment($"Auth__PasswordHashing__{setting}", value);
            }
        }

        // The same for the worker, e.g. BENCH_WORKER_ENV="DOTNET_TieredCompilation=1".
        var worker = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "worker"));
        foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_WORKER_ENV") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = setting.Split('=', 2);
            worker.WithEnvironment(parts[0], parts.Length == 2 ? parts[1] : string.Empty);
        }

        if (!appHostWorker)
        {
            worker.WithExplicitStart();
        }

        var clock = Stopwatch.StartNew();
        var app = await builder.BuildAsync();
        await app.StartAsync();
        foreach (var resource in new[] { "postgres", "redis", "api", "web" }.Concat(appHostWorker ? ["worker"] : Array.Empty<string>()))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
        }

        return new BenchStack(app, state, signingKey, clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// CPU time used so far by a project resource (the API, say): its process and every descendant (the launcher's pid is
    /// a wrapper around the app), read from /proc; null when the resource or /proc is not there.
    /// </summary>
    public TimeSpan? CpuTimeOf(string resource)
    {
        if (PidOf(resource) is not { } root || !Directory.Exists("/proc"))
        {
            return null;
        }

        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid))
                {
                    // Fields after the ")" of the command name: state ppid … utime(12th) stime(13th).
                    var text = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                    stats[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The process ended while listed.
            }
        }

        var tree = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, stat) in stats)
            {
                grew |= tree.Contains(stat.Parent) && tree.Add(pid);
            }
        }

        const double TicksPerSecond = 100;
        return TimeSpan.FromSeconds(tree.Where(stats.ContainsKey).Sum(pid => stats[pid].Ticks) / TicksPerSecond);
    }

    /// <summary>CPU ticks (1/100 s) so far of every thread of a project resource's process tree, keyed by "pid/thread name".</summary>
    public Dictionary<string, long> ThreadTicksOf(string resource)
    {
        var ticks = new Dictionary<string, long>();
        if (PidOf(resource) is not { } root)
        {
            return ticks;
        }

        var pids = new List<int> { root };
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid) && pid != root)
                {
                    var text = File.ReadAllText(Path.Combine(directory, "stat"));
                    if (int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture) == root)
                    {
                        pids.Add(pid);
                    }
                }
            }
            catch (IOException)
            {
            }
        }

        foreach (var pid in pids)
        {
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    var text = File.ReadAllText(Path.Combine(task, "stat"));
                    var name = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
                    var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                    var key = $"{pid}/{name}";
                    ticks[key] = ticks.GetValueOrDefault(key) + long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
        }

        return ticks;
    }

    /// <summary>The process id Aspire started a project resource as (the launcher's wrapper), or null before it runs.</summary>
    private int? PidOf(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var state)
        && state.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } value
        && int.TryParse(value.ToString(), out var pid)
            ? pid
            : null;

    /// <summary>Busy CPU time of the whole machine so far (all cores, /proc/stat: user + nice + system + irq + softirq).</summary>
    public static TimeSpan MachineCpuTime()
    {
        const double TicksPerSecond = 100;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var busy = new[] { 1, 2, 3, 6, 7 }.Sum(index => long.Parse(fields[index], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }

    /// <summary>The 1, 5 and 15 minute load averages, to print beside any timing taken on the shared cores.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

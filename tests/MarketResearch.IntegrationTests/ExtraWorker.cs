using System.Collections.Concurrent;
using System.Diagnostics;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// A second worker process on the test stack's Postgres and Redis, like another replica, with its console output kept.
/// Disposing kills it: a worker left running after a failure would claim other tests' jobs.
/// </summary>
internal sealed class ExtraWorker : IDisposable
{
    private readonly ConcurrentQueue<string> _log = new();

    private ExtraWorker(Process process) => Process = process;

    public Process Process { get; }

    public IEnumerable<string> Log => _log;

    public static async Task<ExtraWorker> StartAsync(LocalStackFixture stack, IReadOnlyDictionary<string, string>? settings = null)
    {
        var appHostPath = Projects.MarketResearch_AppHost.ProjectPath;
        var appHostDirectory = appHostPath.EndsWith(".csproj", StringComparison.Ordinal) ? Path.GetDirectoryName(appHostPath)! : appHostPath;
        // The worker built beside these tests: same configuration and target framework folders.
        var testOutput = Path.GetDirectoryName(typeof(ExtraWorker).Assembly.Location)!;
        var outputDirectory = Path.GetFileName(testOutput);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testOutput)!);
        var worker = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "MarketResearch.Worker", "bin", configuration, outputDirectory, "MarketResearch.Worker.dll"));
        var start = new ProcessStartInfo("dotnet", [worker]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__marketresearch"] = await stack.DatabaseConnectionStringAsync();
        start.Environment["ConnectionStrings__redis"] = await stack.App.GetConnectionStringAsync("redis");
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Jobs__LeaseDuration"] = LocalStackFixture.JobLease.ToString();
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var extra = new ExtraWorker(Process.Start(start)!);
        extra.Process.OutputDataReceived += (_, line) => extra._log.Enqueue(line.Data ?? string.Empty);
        extra.Process.ErrorDataReceived += (_, line) => extra._log.Enqueue(line.Data ?? string.Empty);
        extra.Process.BeginOutputReadLine();
        extra.Process.BeginErrorReadLine();
        return extra;
    }

    /// <summary>Waits until the worker has logged <paramref name="text"/>; a loaded machine may take a while.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!_log.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The extra worker did not log \"{text}\". {LogTail()}");
            }

            await Task.Delay(100);
        }
    }

    public string LogTail() => "Its log ends:\n" + string.Join("\n", _log.TakeLast(30));

    public void Kill()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }
}

using System.Diagnostics;
using Aspire.Hosting.Testing;

namespace MarketResearch.Bench;

/// <summary>A worker replica started by the bench itself (like the worker-kill test does), so it can be SIGKILLed at will.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int KeptLogLines = 40;
    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> RecentLog = new();
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>CPU time the worker has used so far (zero once it has exited).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            try
            {
                return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    public static async Task<WorkerProcess> StartAsync(BenchStack stack, IReadOnlyDictionary<string, string> settings)
    {
        var appHostPath = Projects.MarketResearch_AppHost.ProjectPath;
        var appHostDirectory = appHostPath.EndsWith(".csproj", StringComparison.Ordinal) ? Path.GetDirectoryName(appHostPath)! : appHostPath;
        var output = Path.GetDirectoryName(typeof(WorkerProcess).Assembly.Location)!;
        var worker = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "MarketResearch.Worker", "bin",
            Path.GetFileName(Path.GetDirectoryName(output))!, Path.GetFileName(output), "MarketResearch.Worker.dll"));
        var start = new ProcessStartInfo("dotnet", [worker]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__marketresearch"] = await stack.App.GetConnectionStringAsync("marketresearch");
        start.Environment["ConnectionStrings__redis"] = await stack.App.GetConnectionStringAsync("redis");
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new WorkerProcess(Process.Start(start)!);
        process._process.OutputDataReceived += (_, line) =>
        {
            Keep(process.Id, line.Data);
            if (line.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                process._started.TrySetResult();
            }
        };
        process._process.ErrorDataReceived += (_, line) => Keep(process.Id, line.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        await process._started.Task.WaitAsync(StartTimeout);
        return process;
    }

    /// <summary>The last lines any bench worker wrote (warnings and errors), to explain a stalled run.</summary>
    public static IReadOnlyList<string> LogTail => [.. RecentLog];

    private static void Keep(int pid, string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        RecentLog.Enqueue($"[{pid}] {line}");
        while (RecentLog.Count > KeptLogLines && RecentLog.TryDequeue(out _))
        {
        }
    }

    /// <summary>SIGKILL: no graceful release of claimed jobs; their leases must expire.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using Xunit.Sdk;

namespace MarketResearch.OperationsTests.Infrastructure;

/// <summary>A command-line checker from an OS package (promtool, amtool); a missing tool fails the test.</summary>
internal sealed class CommandLineTool(string name, string debianPackage)
{
    public static CommandLineTool Promtool { get; } = new("promtool", "prometheus");

    public static CommandLineTool Amtool { get; } = new("amtool", "prometheus-alertmanager");

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>Runs the tool; the result carries everything it printed, so a failed assertion shows why.</summary>
    public async Task<ToolResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(FindExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        var command = $"{name} {string.Join(' ', arguments)}";
        return new ToolResult(command, process.ExitCode, await output, await errors);
    }

    private string FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw FailException.ForFailure($"{name} is not installed: install the Debian package '{debianPackage}' " +
            "(scripts/install-prerequisites.sh does it). The monitoring checks cannot run without it.");
    }
}

internal sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    public void AssertSucceeded() =>
        Assert.True(ExitCode == 0, $"`{Command}` exited {ExitCode}:\n{Output}");
}

using System.Diagnostics;

namespace MarketResearch.IntegrationTests;

/// <summary>scripts/smoke-test.sh, which the deploy workflow runs after a rollout, passes against the running stack and fails loudly otherwise.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class SmokeTestScriptTests(LocalStackFixture stack)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_smoke_test_passes_against_the_running_stack()
    {
        var (exitCode, output) = await RunAsync(stack.App.GetEndpoint("api", "http").ToString());

        Assert.True(exitCode == 0, output);
        Assert.Contains("ok (Succeeded)", output, StringComparison.Ordinal);
        Assert.Contains("read the personas … ok (5)", output, StringComparison.Ordinal);
        Assert.Contains("smoke test passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_smoke_test_fails_when_nothing_answers()
    {
        // Port 9 (discard) has no listener here: the first call finds no API.
        var (exitCode, output) = await RunAsync("http://127.0.0.1:9");

        Assert.Equal(1, exitCode);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string baseUrl)
    {
        var start = new ProcessStartInfo("bash", [RepositoryFile("scripts", "smoke-test.sh"), baseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SMOKE_JOB_TIMEOUT"] = "120";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static string RepositoryFile(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MarketResearch.sln")))
            {
                return Path.Combine([directory.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("Not inside the repository.");
    }
}

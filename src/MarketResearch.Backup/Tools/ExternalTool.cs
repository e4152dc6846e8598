using System.ComponentModel;
using System.Diagnostics;

namespace MarketResearch.Backup.Tools;

/// <summary>
/// Runs pg_dump, pg_restore, redis-cli and friends without a shell: arguments are passed as a list and secrets
/// travel in environment variables, so neither a quote in a value nor the process list can leak or break them.
/// </summary>
internal sealed class ExternalTool(string program, TimeSpan timeout)
{
    /// <summary>How much of a failing tool's standard error goes into the exception message.</summary>
    private const int ErrorTailCharacters = 2000;

    public string Program { get; } = program;

    public async Task<string> RunAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment.Where(setting => setting.Value is not null))
        {
            start.Environment[name] = value;
        }

        using var process = StartOrExplain(start);
        // No tool here reads standard input; closing it makes one that asks for a password fail instead of hang.
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new BackupFailedException($"{Path.GetFileName(Program)} did not finish within {timeout} (Backup:ToolTimeout) and was stopped.");
        }

        var standardError = await error;
        if (process.ExitCode != 0)
        {
            var tail = standardError.Length > ErrorTailCharacters ? standardError[^ErrorTailCharacters..] : standardError;
            throw new BackupFailedException($"{Path.GetFileName(Program)} exited with {process.ExitCode}: {tail.Trim()}");
        }

        return await output;
    }

    private Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new BackupFailedException($"{Program} could not be started.");
        }
        catch (Win32Exception exception)
        {
            throw new BackupFailedException(
                $"{Program} could not be started ({exception.Message}): install postgresql-client and redis-tools, "
                + "or point Backup:PostgresBinDirectory at the PostgreSQL client programs.", exception);
        }
    }
}

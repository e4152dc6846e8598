using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Tools;
using MarketResearch.Backup.Verification;
using Npgsql;

namespace MarketResearch.Backup.Commands;

/// <summary>Runs one parsed command and turns its outcome into an exit code.</summary>
internal sealed partial class BackupCommands(IServiceProvider services, BackupCatalog catalog, ILogger<BackupCommands> logger)
{
    public async Task<int> ExecuteAsync(BackupCommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            return command.Verb switch
            {
                BackupVerb.Run => (await services.GetRequiredService<BackupRun>().ExecuteAsync(cancellationToken)).Verified ? ExitCodes.Success : ExitCodes.Failed,
                BackupVerb.Verify => await VerifyAsync(command.BackupId!, cancellationToken),
                BackupVerb.Restore => await RestoreAsync(command, output, cancellationToken),
                BackupVerb.List => await ListAsync(output),
                BackupVerb.Prune => Prune(output),
                _ => throw new InvalidOperationException($"{command.Verb} is not a command."),
            };
        }
        catch (Exception exception) when (exception is BackupFailedException or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, command.Verb, exception.Message);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGTERM (a CronJob deadline, a drained node): the tools are stopped, scratch databases dropped.
            LogCancelled(logger, command.Verb);
            return ExitCodes.Failed;
        }
    }

    private async Task<int> VerifyAsync(string idOrLatest, CancellationToken cancellationToken)
    {
        var backup = catalog.Find(idOrLatest);
        var manifest = backup.RequireManifest();
        var verification = await services.GetRequiredService<BackupVerifier>().VerifyAsync(backup, cancellationToken);
        // The newest verdict counts: a backup damaged since its run stops being offered as "latest".
        await catalog.SaveAsync(backup, manifest with { Verification = verification }, cancellationToken);
        LogVerified(logger, backup.Id.ToString(), verification.Succeeded, verification.RestoreSeconds);
        return verification.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
    }

    private async Task<int> RestoreAsync(BackupCommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        var outcome = await services.GetRequiredService<BackupRestore>().ExecuteAsync(command.BackupId!, command.TargetDatabase, cancellationToken);
        foreach (var difference in outcome.Differences)
        {
            await output.WriteLineAsync(difference);
        }

        await output.WriteLineAsync(outcome.Replaced
            ? $"Restored backup {outcome.Backup.Id} into {outcome.Target} in {outcome.Duration.TotalSeconds:F1} s; every table matches the manifest."
            : $"Backup {outcome.Backup.Id} did not restore as recorded; {outcome.Target} was left untouched.");
        return outcome.Replaced ? ExitCodes.Success : ExitCodes.Failed;
    }

    private async Task<int> ListAsync(TextWriter output)
    {
        await output.WriteAsync(BackupListing.Format(catalog.List()));
        return ExitCodes.Success;
    }

    private int Prune(TextWriter output)
    {
        var deleted = services.GetRequiredService<BackupPruning>().Prune();
        output.WriteLine($"Pruned {deleted} backup(s).");
        return ExitCodes.Success;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "backup {Verb} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, BackupVerb verb, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "backup {Verb} was stopped before it finished")]
    private static partial void LogCancelled(ILogger logger, BackupVerb verb);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Id} verification succeeded: {Succeeded} (scratch restore and compare {Seconds:F1} s)")]
    private static partial void LogVerified(ILogger logger, string id, bool succeeded, double seconds);
}

internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}

using MarketResearch.Backup.Catalog;
using Microsoft.Extensions.Options;

namespace MarketResearch.Backup.Commands;

/// <summary>`backup prune`, also the last step of a successful `backup run`.</summary>
internal sealed partial class BackupPruning(BackupCatalog catalog, IOptions<BackupOptions> options, TimeProvider time, ILogger<BackupPruning> logger)
{
    public int Prune()
    {
        var expired = RetentionPolicy.Expired(catalog.List(), time.GetUtcNow(), options.Value.RetentionDays);
        foreach (var backup in expired)
        {
            BackupCatalog.Delete(backup);
            LogDeleted(logger, backup.Id.ToString(), backup.Status, options.Value.RetentionDays);
        }

        return expired.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned backup {Id} ({Status}), older than {RetentionDays} days")]
    private static partial void LogDeleted(ILogger logger, string id, BackupStatus status, int retentionDays);
}

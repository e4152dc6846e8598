using static MarketResearch.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace MarketResearch.AppHost.Publishing.Kubernetes;

/// <summary>
/// The daily backup as a CronJob. The image is a placeholder for the backup CLI (<c>backup run</c>) built separately;
/// it reads the database's connection string from the Secret and its storage settings from marketresearch-backup.
/// </summary>
internal static class KubernetesBackup
{
    public const string Name = "backup";
    private const string StorageSecret = "marketresearch-backup";

    public static YamlMap CronJob(ConnectionTarget database, KubernetesSettings settings, string imageTag)
    {
        var container = new YamlMap
        {
            ["name"] = Name,
            ["image"] = $"{settings.BackupImage}:{imageTag}",
            ["command"] = new List<string> { "backup", "run" },
            ["envFrom"] = new List<object> { new YamlMap { ["secretRef"] = new YamlMap { ["name"] = StorageSecret, ["optional"] = true } } },
            ["env"] = new List<object>
            {
                new YamlMap { ["name"] = $"ConnectionStrings__{database.Name}", ["valueFrom"] = SecretKey(database.SecretKey, optional: false) },
            },
            ["resources"] = Resources(new ResourceSettings { Cpus = "0.5", Memory = "512M", ReservedCpus = "0.1", ReservedMemory = "128M" }),
        };

        return Object("batch/v1", "CronJob", Name, "job", new YamlMap
        {
            ["schedule"] = settings.BackupSchedule,
            // Never two at once; a run missed by more than an hour waits for the next day (BackupTooOld alerts).
            ["concurrencyPolicy"] = "Forbid",
            ["startingDeadlineSeconds"] = 3600,
            ["successfulJobsHistoryLimit"] = 3,
            ["failedJobsHistoryLimit"] = 3,
            ["jobTemplate"] = new YamlMap
            {
                ["spec"] = new YamlMap
                {
                    ["backoffLimit"] = 2,
                    ["template"] = PodTemplate(Name, "job", container, "Never", scraped: false),
                },
            },
        });
    }
}

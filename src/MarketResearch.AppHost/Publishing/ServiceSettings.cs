namespace MarketResearch.AppHost.Publishing;

/// <summary>CPU and memory for one container: limits it may not exceed and reservations it is guaranteed.</summary>
internal class ResourceSettings
{
    /// <summary>CPUs as a decimal ("0.5", "2.0").</summary>
    public string Cpus { get; set; } = "0.5";

    /// <summary>Memory with a unit, M or G ("512M", "2G").</summary>
    public string Memory { get; set; } = "256M";

    public string ReservedCpus { get; set; } = "0.1";

    public string ReservedMemory { get; set; } = "64M";

    public virtual void Validate(string key)
    {
        if (Quantity.Millicores(ReservedCpus, $"{key}:ReservedCpus") > Quantity.Millicores(Cpus, $"{key}:Cpus"))
        {
            throw DeploymentSettings.Invalid($"{key}:ReservedCpus", $"({ReservedCpus}) is more than the limit {Cpus}");
        }

        if (Quantity.Mebibytes(ReservedMemory, $"{key}:ReservedMemory") > Quantity.Mebibytes(Memory, $"{key}:Memory"))
        {
            throw DeploymentSettings.Invalid($"{key}:ReservedMemory", $"({ReservedMemory}) is more than the limit {Memory}");
        }
    }
}

internal sealed class ServiceSettings : ResourceSettings
{
    /// <summary>Npgsql Maximum Pool Size per replica; 0 for a service that does not use Postgres.</summary>
    public int PostgresPoolSize { get; set; }

    /// <summary>Replicas in compose (one host: scale with `docker compose up --scale`).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Kubernetes HorizontalPodAutoscaler bounds.</summary>
    public int MinReplicas { get; set; } = 2;

    public int MaxReplicas { get; set; } = 10;

    public int TargetCpuUtilization { get; set; } = 70;

    /// <summary>Where the reverse proxy and the Ingress route a service the AppHost marks external ("/" for the web app).</summary>
    public string? PublicPath { get; set; }

    public override void Validate(string key)
    {
        base.Validate(key);
        if (MinReplicas < 1 || MaxReplicas < MinReplicas)
        {
            throw DeploymentSettings.Invalid($"{key}:MaxReplicas", $"({MaxReplicas}) must be at least MinReplicas ({MinReplicas}), which must be at least 1");
        }
    }
}

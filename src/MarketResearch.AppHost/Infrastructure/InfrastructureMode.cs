using System.Diagnostics;

namespace MarketResearch.AppHost.Infrastructure;

/// <summary>How the data stores run: as containers, or as OS-package executables launched by the AppHost.</summary>
internal enum InfrastructureMode
{
    Containers,
    Local,
}

internal static class InfrastructureModeDetector
{
    public const string ModeKey = "Infrastructure:Mode";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Configuration wins; publishing always describes the container model; otherwise probe for a container engine.</summary>
    public static InfrastructureMode Resolve(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration[ModeKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var mode)
                ? mode
                : throw new DistributedApplicationException(
                    $"{ModeKey} is '{configured}'; use 'containers' or 'local' (or leave it unset to detect a container engine).");
        }

        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }

        return ContainerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local;
    }

    /// <summary>A docker or podman client is not enough: the engine behind it must answer.</summary>
    private static bool ContainerEngineAnswers()
    {
        foreach (var client in new[] { "docker", "podman" })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(client, ["info", "--format", "{{.ServerVersion}}"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (process is null)
                {
                    continue;
                }

                if (!process.WaitForExit(ProbeTimeout))
                {
                    process.Kill(entireProcessTree: true);
                    continue;
                }

                if (process.ExitCode == 0)
                {
                    return true;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Client not installed: try the next one.
            }
        }

        return false;
    }
}

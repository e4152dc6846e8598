using System.Globalization;
using static MarketResearch.AppHost.Publishing.Compose.ComposeParts;

namespace MarketResearch.AppHost.Publishing.Compose;

/// <summary>Our .NET services in compose, and the health probe each long-running one needs.</summary>
internal static class ComposeServices
{
    /// <summary>The probe container that reports a service's readiness (see <see cref="Probe"/>).</summary>
    public static string ProbeName(string service) => $"{service}-health";

    public static YamlMap Service(DeployedService service, DeploymentModel model, ComposeVariables variables)
    {
        var image = $"{service.Image}:{variables.Require("IMAGE_TAG", "Release", "The tag of the marketresearch/* images to run (e.g. 1.4.2).")}";
        var networks = new List<string>();
        if (service.HasPort)
        {
            // The edge network: the proxy and the probes reach the service, and it reaches the internet (LLM provider).
            networks.Add(EdgeNetwork);
        }

        if (service.UsesStores.Count > 0)
        {
            networks.Add(DataNetwork);
        }

        if (service.HasPort)
        {
            networks.Add(MonitoringNetwork);
        }

        var definition = service.IsOneShot
            ? OneShot(image, service.Settings, networks)
            : LongRunning(image, service.Settings, networks);

        // The chiseled images run as a non-root user and write nothing but temporary files.
        definition["read_only"] = true;
        definition["tmpfs"] = new List<string> { "/tmp" };
        definition["cap_drop"] = new List<string> { "ALL" };
        definition["security_opt"] = new List<string> { "no-new-privileges:true" };
        definition["environment"] = Environment(service, variables);

        var dependsOn = DependsOn(service.RunsAfter, "service_completed_successfully");
        foreach (var (name, condition) in Healthy(service.UsesStores.Concat(service.CallsServices.Select(ProbeName))))
        {
            dependsOn[name] = condition;
        }

        definition["depends_on"] = dependsOn;
        if (!service.IsOneShot)
        {
            // Finish in-flight requests and jobs before the kill.
            definition["stop_grace_period"] = "30s";
            ((YamlMap)definition["deploy"]!)["replicas"] = service.Settings.Replicas;
        }

        return definition;
    }

    /// <summary>
    /// The chiseled images have no shell, curl or wget, so compose cannot run a healthcheck inside them. A tiny
    /// busybox container asks the service's /health/ready over the network instead; its health is the service's
    /// readiness, and other services wait on it. Liveness is the restart policy plus the ServiceDown alert.
    /// </summary>
    public static YamlMap Probe(DeployedService service, DeploymentSettings settings)
    {
        var url = $"http://{service.Name}:{DeploymentModel.ServicePort.ToString(CultureInfo.InvariantCulture)}{DeploymentModel.ReadyPath}";
        var probe = LongRunning(settings.Support.ProbeImage, settings.Support.Probe, [EdgeNetwork]);
        probe["init"] = true;
        probe["command"] = new List<string> { "sh", "-c", "while true; do sleep 3600; done" };
        probe["read_only"] = true;
        probe["cap_drop"] = new List<string> { "ALL" };
        probe["security_opt"] = new List<string> { "no-new-privileges:true" };
        probe["healthcheck"] = HttpHealthcheck(url);
        probe["depends_on"] = DependsOn([service.Name], "service_started");
        return probe;
    }

    private static YamlMap OneShot(string image, ResourceSettings resources, List<string> networks) => new()
    {
        ["image"] = image,
        // Runs once per `docker compose up`; services that need it wait for service_completed_successfully.
        ["restart"] = new Quoted("no"),
        ["networks"] = networks,
        ["deploy"] = Resources(resources),
        ["logging"] = Logging(),
    };

    private static YamlMap Environment(DeployedService service, ComposeVariables variables)
    {
        var environment = new YamlMap();
        foreach (var variable in service.Environment)
        {
            environment[variable.Name] = variable.Value switch
            {
                LiteralValue literal => literal.Text.Replace("$", "$$", StringComparison.Ordinal),
                SecretValue secret => variables.Secret(secret.Secret),
                ConnectionStringValue connection => ConnectionString(connection, variables),
                _ => throw new DistributedApplicationException($"{service.Name}: {variable.Name} cannot be written to compose."),
            };
        }

        return environment;
    }

    private static string ConnectionString(ConnectionStringValue connection, ComposeVariables variables)
    {
        var text = variables.Render(connection.Target.Expression);
        return connection.PoolSize > 0
            ? $"{text};Maximum Pool Size={connection.PoolSize.ToString(CultureInfo.InvariantCulture)}"
            : text;
    }
}

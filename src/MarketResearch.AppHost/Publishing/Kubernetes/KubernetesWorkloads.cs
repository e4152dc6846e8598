using System.Globalization;
using static MarketResearch.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace MarketResearch.AppHost.Publishing.Kubernetes;

/// <summary>Deployments, Services, autoscalers and disruption budgets for the services; a Job for the one-shots.</summary>
internal static class KubernetesWorkloads
{
    public static string ConfigMapName(string service) => $"{service}-config";

    /// <summary>The plain settings of a service; secrets and connection strings stay out (they come from the Secret).</summary>
    public static YamlMap ConfigMap(DeployedService service)
    {
        var data = new YamlMap();
        foreach (var variable in service.Environment)
        {
            if (variable.Value is LiteralValue literal)
            {
                data[variable.Name] = literal.Text;
            }
        }

        return new YamlMap
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new YamlMap { ["name"] = ConfigMapName(service.Name), ["labels"] = Labels(service.Name, "config") },
            ["data"] = data,
        };
    }

    public static IEnumerable<YamlMap> Service(DeployedService service, string imageTag)
    {
        var container = Container(service, imageTag);
        container["ports"] = new List<object> { new YamlMap { ["name"] = "http", ["containerPort"] = DeploymentModel.ServicePort } };
        // Startup gives a cold process a minute; after that liveness restarts a hung one and readiness holds traffic
        // until its dependencies (and the migrations it expects) are there.
        container["startupProbe"] = Probe(DeploymentModel.LivePath, periodSeconds: 2, failureThreshold: 30);
        container["livenessProbe"] = Probe(DeploymentModel.LivePath, periodSeconds: 10, failureThreshold: 3);
        container["readinessProbe"] = Probe(DeploymentModel.ReadyPath, periodSeconds: 5, failureThreshold: 3);

        var pod = PodTemplate(service.Name, "service", container, "Always", scraped: true);
        ((YamlMap)pod["spec"]!)["terminationGracePeriodSeconds"] = 30;

        // No replicas: the HorizontalPodAutoscaler owns the count, and re-applying must not reset it.
        yield return Object("apps/v1", "Deployment", service.Name, "service", new YamlMap
        {
            ["selector"] = new YamlMap { ["matchLabels"] = Selector(service.Name) },
            ["strategy"] = new YamlMap
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new YamlMap { ["maxUnavailable"] = 0, ["maxSurge"] = 1 },
            },
            ["template"] = pod,
        });

        yield return Object("v1", "Service", service.Name, "service", new YamlMap
        {
            ["selector"] = Selector(service.Name),
            ["ports"] = new List<object>
            {
                new YamlMap { ["name"] = "http", ["port"] = DeploymentModel.ServicePort, ["targetPort"] = "http" },
            },
        });

        yield return Object("autoscaling/v2", "HorizontalPodAutoscaler", service.Name, "service", new YamlMap
        {
            ["scaleTargetRef"] = new YamlMap { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = service.Name },
            ["minReplicas"] = service.Settings.MinReplicas,
            ["maxReplicas"] = service.Settings.MaxReplicas,
            ["metrics"] = new List<object>
            {
                new YamlMap
                {
                    ["type"] = "Resource",
                    ["resource"] = new YamlMap
                    {
                        ["name"] = "cpu",
                        ["target"] = new YamlMap { ["type"] = "Utilization", ["averageUtilization"] = service.Settings.TargetCpuUtilization },
                    },
                },
            },
            // Scale in slowly: a burst of focus-group jobs comes in waves.
            ["behavior"] = new YamlMap
            {
                ["scaleDown"] = new YamlMap { ["stabilizationWindowSeconds"] = 300 },
            },
        });

        // One pod at a time may go for a node drain, whatever the replica count.
        yield return Object("policy/v1", "PodDisruptionBudget", service.Name, "service", new YamlMap
        {
            ["maxUnavailable"] = 1,
            ["selector"] = new YamlMap { ["matchLabels"] = Selector(service.Name) },
        });
    }

    /// <summary>
    /// A one-shot (migrations) as a Job. Jobs are immutable: delete the finished one before applying a new release.
    /// Services do not need to wait for it explicitly: their readiness fails until the migrations they expect are applied.
    /// </summary>
    public static YamlMap Job(DeployedService service, string imageTag) =>
        Object("batch/v1", "Job", service.Name, "job", new YamlMap
        {
            ["backoffLimit"] = 6,
            ["activeDeadlineSeconds"] = 600,
            ["ttlSecondsAfterFinished"] = 86400,
            ["template"] = PodTemplate(service.Name, "job", Container(service, imageTag), "Never", scraped: false),
        });

    /// <summary>The container of a service: image, its ConfigMap, and each secret by reference.</summary>
    public static YamlMap Container(DeployedService service, string imageTag)
    {
        var container = new YamlMap
        {
            ["name"] = service.Name,
            ["image"] = $"{service.Image}:{imageTag}",
            ["envFrom"] = new List<object> { new YamlMap { ["configMapRef"] = new YamlMap { ["name"] = ConfigMapName(service.Name) } } },
        };

        var env = new List<object>();
        foreach (var variable in service.Environment)
        {
            switch (variable.Value)
            {
                case SecretValue secret:
                    env.Add(new YamlMap { ["name"] = variable.Name, ["valueFrom"] = SecretKey(secret.Secret.SecretKey, secret.Secret.MayBeEmpty) });
                    break;
                case ConnectionStringValue { PoolSize: > 0 } pooled:
                    // Kubernetes expands $(VAR) from variables defined before it: the operator's connection string
                    // plus this service's pool size, which Npgsql takes from the last occurrence.
                    var secretVariable = $"SECRET_{pooled.Target.SecretKey.Replace('-', '_').ToUpperInvariant()}";
                    env.Add(new YamlMap { ["name"] = secretVariable, ["valueFrom"] = SecretKey(pooled.Target.SecretKey, optional: false) });
                    env.Add(new YamlMap
                    {
                        ["name"] = variable.Name,
                        ["value"] = $"$({secretVariable});Maximum Pool Size={pooled.PoolSize.ToString(CultureInfo.InvariantCulture)}",
                    });
                    break;
                case ConnectionStringValue connection:
                    env.Add(new YamlMap { ["name"] = variable.Name, ["valueFrom"] = SecretKey(connection.Target.SecretKey, optional: false) });
                    break;
                case LiteralValue:
                    break;
                default:
                    throw new DistributedApplicationException($"{service.Name}: {variable.Name} cannot be written to Kubernetes.");
            }
        }

        if (env.Count > 0)
        {
            container["env"] = env;
        }

        container["resources"] = Resources(service.Settings);
        return container;
    }

    private static YamlMap Probe(string path, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = HttpGet(path),
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 3,
        ["failureThreshold"] = failureThreshold,
    };
}

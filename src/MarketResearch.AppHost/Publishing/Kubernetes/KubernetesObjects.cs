namespace MarketResearch.AppHost.Publishing.Kubernetes;

/// <summary>Names, labels and the hardened pod template every workload shares.</summary>
internal static class KubernetesObjects
{
    public const string PartOf = "marketresearch";

    /// <summary>The Secret the operator creates (docs/operations.md, Deploy); nothing here ever holds its values.</summary>
    public const string SecretName = "marketresearch-secrets";

    /// <summary>The non-root user of the .NET chiseled images ($APP_UID).</summary>
    private const long AppUser = 1654;

    public static YamlMap Object(string apiVersion, string kind, string name, string component, YamlMap spec, YamlMap? annotations = null)
    {
        var metadata = new YamlMap { ["name"] = name, ["labels"] = Labels(name, component) };
        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }

        return new YamlMap { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata, ["spec"] = spec };
    }

    public static YamlMap Labels(string name, string component) => new()
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/component"] = component,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    public static YamlMap Selector(string name) => new()
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    public static YamlMap SecretKey(string key, bool optional) => new()
    {
        ["secretKeyRef"] = optional
            ? new YamlMap { ["name"] = SecretName, ["key"] = key, ["optional"] = true }
            : new YamlMap { ["name"] = SecretName, ["key"] = key },
    };

    public static YamlMap Resources(ResourceSettings resources) => new()
    {
        ["requests"] = new YamlMap { ["cpu"] = Quantity.KubernetesCpu(resources.ReservedCpus), ["memory"] = Quantity.KubernetesMemory(resources.ReservedMemory) },
        ["limits"] = new YamlMap { ["cpu"] = Quantity.KubernetesCpu(resources.Cpus), ["memory"] = Quantity.KubernetesMemory(resources.Memory) },
    };

    /// <summary>
    /// A pod that meets the "restricted" Pod Security Standard: non-root, no privilege escalation, no capabilities,
    /// the runtime's seccomp profile, a read-only root file system with an emptyDir for /tmp, no API token.
    /// </summary>
    public static YamlMap PodTemplate(string name, string component, YamlMap container, string restartPolicy, bool scraped)
    {
        container["securityContext"] = new YamlMap
        {
            ["allowPrivilegeEscalation"] = false,
            ["readOnlyRootFilesystem"] = true,
            ["runAsNonRoot"] = true,
            ["capabilities"] = new YamlMap { ["drop"] = new List<string> { "ALL" } },
            ["seccompProfile"] = new YamlMap { ["type"] = "RuntimeDefault" },
        };
        container["volumeMounts"] = new List<object> { new YamlMap { ["name"] = "tmp", ["mountPath"] = "/tmp" } };

        var metadata = new YamlMap { ["labels"] = Labels(name, component) };
        if (scraped)
        {
            // For Prometheus setups that discover pods by annotation; the job name stays the service name.
            metadata["annotations"] = new YamlMap
            {
                ["prometheus.io/scrape"] = "true",
                ["prometheus.io/port"] = DeploymentModel.ServicePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["prometheus.io/path"] = DeploymentModel.MetricsPath,
            };
        }

        return new YamlMap
        {
            ["metadata"] = metadata,
            ["spec"] = new YamlMap
            {
                ["automountServiceAccountToken"] = false,
                ["restartPolicy"] = restartPolicy,
                ["securityContext"] = new YamlMap
                {
                    ["runAsNonRoot"] = true,
                    ["runAsUser"] = AppUser,
                    ["runAsGroup"] = AppUser,
                    ["fsGroup"] = AppUser,
                    ["seccompProfile"] = new YamlMap { ["type"] = "RuntimeDefault" },
                },
                ["containers"] = new List<object> { container },
                ["volumes"] = new List<object> { new YamlMap { ["name"] = "tmp", ["emptyDir"] = new YamlMap { ["sizeLimit"] = "256Mi" } } },
            },
        };
    }

    public static YamlMap HttpGet(string path) => new()
    {
        ["path"] = path,
        ["port"] = "http",
    };
}

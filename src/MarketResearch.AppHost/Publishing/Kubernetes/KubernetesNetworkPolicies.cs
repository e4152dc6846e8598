using static MarketResearch.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace MarketResearch.AppHost.Publishing.Kubernetes;

/// <summary>
/// Default deny, then exactly the traffic the model shows: who calls whom, who uses which data store, the ingress
/// controller to the public services, Prometheus to every service.
/// </summary>
internal static class KubernetesNetworkPolicies
{
    private const string Api = "networking.k8s.io/v1";
    private const int HttpsPort = 443;
    private const int DnsPort = 53;

    public static IEnumerable<YamlMap> All(DeploymentModel model, IReadOnlyList<string> backupStores)
    {
        var kubernetes = model.Settings.Kubernetes;

        yield return Object(Api, "NetworkPolicy", "default-deny", "network", new YamlMap
        {
            ["podSelector"] = new YamlMap(),
            ["policyTypes"] = new List<string> { "Ingress", "Egress" },
        });

        yield return Object(Api, "NetworkPolicy", "allow-dns", "network", new YamlMap
        {
            ["podSelector"] = new YamlMap(),
            ["policyTypes"] = new List<string> { "Egress" },
            ["egress"] = new List<object>
            {
                new YamlMap
                {
                    ["to"] = new List<object>
                    {
                        new YamlMap
                        {
                            ["namespaceSelector"] = NamespaceSelector("kube-system"),
                            ["podSelector"] = new YamlMap { ["matchLabels"] = new YamlMap { ["k8s-app"] = "kube-dns" } },
                        },
                    },
                    ["ports"] = new List<object> { Port(DnsPort, "UDP"), Port(DnsPort, "TCP") },
                },
            },
        });

        foreach (var service in model.Services)
        {
            var ingress = service.IsOneShot ? [] : IngressRules(service, model);
            var egress = EgressRules(service.Name, service.UsesStores, service.CallsServices, model).ToList();
            if (kubernetes.CallsInternet(service.Name))
            {
                egress.Add(Https());
            }

            yield return Policy(service.Name, ingress, egress);
        }

        var backupEgress = EgressRules(KubernetesBackup.Name, backupStores, [], model).Append(Https()).ToList();
        yield return Policy(KubernetesBackup.Name, [], backupEgress);
    }

    private static List<object> IngressRules(DeployedService service, DeploymentModel model)
    {
        var kubernetes = model.Settings.Kubernetes;
        var from = new List<object> { new YamlMap { ["namespaceSelector"] = NamespaceSelector(kubernetes.MonitoringNamespace) } };
        if (service.IsPublic)
        {
            from.Add(new YamlMap { ["namespaceSelector"] = NamespaceSelector(kubernetes.IngressControllerNamespace) });
        }

        foreach (var caller in model.Services.Where(caller => caller.CallsServices.Contains(service.Name)))
        {
            from.Add(new YamlMap { ["podSelector"] = new YamlMap { ["matchLabels"] = Selector(caller.Name) } });
        }

        return [new YamlMap { ["from"] = from, ["ports"] = new List<object> { Port(DeploymentModel.ServicePort, "TCP") } }];
    }

    private static IEnumerable<object> EgressRules(string name, IReadOnlyList<string> stores, IReadOnlyList<string> calls, DeploymentModel model)
    {
        var storePorts = stores.SelectMany(store => model.Store(store).Ports).Distinct().ToList();
        if (storePorts.Count > 0)
        {
            // The data stores are managed services outside the cluster, reached only in their address range.
            yield return new YamlMap
            {
                ["to"] = new List<object> { new YamlMap { ["ipBlock"] = new YamlMap { ["cidr"] = model.Settings.Kubernetes.DataStoreCidr } } },
                ["ports"] = storePorts.Select(port => (object)Port(port, "TCP")).ToList(),
            };
        }

        foreach (var called in calls)
        {
            yield return new YamlMap
            {
                ["to"] = new List<object> { new YamlMap { ["podSelector"] = new YamlMap { ["matchLabels"] = Selector(called) } } },
                ["ports"] = new List<object> { Port(DeploymentModel.ServicePort, "TCP") },
            };
        }
    }

    /// <summary>HTTPS to the internet (the LLM provider, backup storage), never into the cluster's private ranges.</summary>
    private static YamlMap Https() => new()
    {
        ["to"] = new List<object>
        {
            new YamlMap
            {
                ["ipBlock"] = new YamlMap
                {
                    ["cidr"] = "0.0.0.0/0",
                    ["except"] = new List<string> { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16" },
                },
            },
        },
        ["ports"] = new List<object> { Port(HttpsPort, "TCP") },
    };

    private static YamlMap Policy(string name, List<object> ingress, List<object> egress)
    {
        var spec = new YamlMap
        {
            ["podSelector"] = new YamlMap { ["matchLabels"] = Selector(name) },
            ["policyTypes"] = new List<string> { "Ingress", "Egress" },
        };
        if (ingress.Count > 0)
        {
            spec["ingress"] = ingress;
        }

        if (egress.Count > 0)
        {
            spec["egress"] = egress;
        }

        return Object(Api, "NetworkPolicy", name, "network", spec);
    }

    private static YamlMap NamespaceSelector(string name) => new()
    {
        ["matchLabels"] = new YamlMap { ["kubernetes.io/metadata.name"] = name },
    };

    private static YamlMap Port(int port, string protocol) => new() { ["protocol"] = protocol, ["port"] = port };
}

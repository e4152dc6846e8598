using System.Text.Json.Nodes;
using MarketResearch.DeploymentTests.Infrastructure;
using static MarketResearch.DeploymentTests.Kubernetes.KubernetesManifests;

namespace MarketResearch.DeploymentTests.Kubernetes;

/// <summary>Default deny, then only the paths the system needs.</summary>
public sealed class NetworkPolicyTests
{
    [Fact]
    public void Everything_is_denied_by_default()
    {
        var deny = Single("NetworkPolicy", "default-deny")["spec"]!;
        Assert.Empty(deny["podSelector"].Entries());
        Assert.Equal(["Egress", "Ingress"], deny["policyTypes"].Items().Select(type => type.Text()).Order());
        Assert.Null(deny["ingress"]);
        Assert.Null(deny["egress"]);
    }

    [Fact]
    public void Every_workload_has_its_own_policy()
    {
        foreach (var workload in Workloads)
        {
            var name = workload["metadata"]!["name"].Text();
            var policy = Single("NetworkPolicy", name)["spec"]!;
            Assert.Equal(name, policy["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"].Text());
        }
    }

    [Fact]
    public void Only_the_api_worker_migrations_and_backup_reach_postgres_and_only_the_web_app_reaches_the_api()
    {
        Assert.Equal(["api", "backup", "migrations", "worker"], Reaching("5432").Order());
        // The web app keeps its data-protection keys and session fan-out in Redis, and nothing else.
        Assert.Equal(["api", "web", "worker"], Reaching("6379").Order());
        Assert.Equal(["api", "worker"], Reaching("7474").Order());
        Assert.DoesNotContain("web", Reaching("5432"));

        var apiCallers = Ingress("api").SelectMany(rule => rule["from"].Items())
            .Select(peer => peer["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"].Text())
            .OfType<string>().Where(name => name.Length > 0);
        Assert.Equal(["web"], apiCallers);
    }

    [Fact]
    public void The_ingress_controller_reaches_only_public_services_and_prometheus_scrapes_every_service()
    {
        foreach (var service in Services)
        {
            var namespaces = Ingress(service).SelectMany(rule => rule["from"].Items())
                .Select(peer => peer["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"].Text())
                .OfType<string>().Where(name => name.Length > 0).ToList();
            Assert.Contains("monitoring", namespaces);
            Assert.Equal(service is "api" or "web", namespaces.Contains("ingress-nginx"));
        }
    }

    private static IEnumerable<JsonNode> Ingress(string name) => Single("NetworkPolicy", name)["spec"]!["ingress"].Items();

    /// <summary>Workloads whose egress allows a port.</summary>
    private static IEnumerable<string> Reaching(string port) => OfKind("NetworkPolicy")
        .Where(policy => policy["spec"]!["egress"].Items()
            .SelectMany(rule => rule["ports"].Items())
            .Any(allowed => allowed["port"].Text() == port))
        .Select(policy => policy["metadata"]!["name"].Text());
}

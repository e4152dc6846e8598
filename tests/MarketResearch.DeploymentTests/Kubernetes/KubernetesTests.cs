using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MarketResearch.DeploymentTests.Infrastructure;
using static MarketResearch.DeploymentTests.Kubernetes.KubernetesManifests;

namespace MarketResearch.DeploymentTests.Kubernetes;

/// <summary>What every workload must have, and the secrets that must never be in the manifests.</summary>
public sealed partial class KubernetesTests
{
    [Fact]
    public void Each_service_has_a_deployment_with_probes_resources_a_service_an_autoscaler_and_a_disruption_budget()
    {
        foreach (var name in Services)
        {
            var container = PodSpec(Single("Deployment", name))["containers"].Items().Single();
            Assert.Equal("/health/live", container["livenessProbe"]?["httpGet"]?["path"].Text());
            Assert.Equal("/health/ready", container["readinessProbe"]?["httpGet"]?["path"].Text());
            foreach (var kind in new[] { "requests", "limits" })
            {
                Assert.False(string.IsNullOrEmpty(container["resources"]?[kind]?["cpu"].Text()), $"{name}: no {kind} cpu");
                Assert.False(string.IsNullOrEmpty(container["resources"]?[kind]?["memory"].Text()), $"{name}: no {kind} memory");
            }

            Assert.Equal("8080", Single("Service", name)["spec"]!["ports"].Items().Single()["port"].Text());
            var autoscaler = Single("HorizontalPodAutoscaler", name)["spec"]!;
            Assert.Equal(name, autoscaler["scaleTargetRef"]?["name"].Text());
            Assert.True(int.Parse(autoscaler["maxReplicas"].Text()) >= int.Parse(autoscaler["minReplicas"].Text()));
            Assert.NotNull(Single("PodDisruptionBudget", name)["spec"]?["selector"]);
        }
    }

    [Fact]
    public void Every_workload_runs_restricted_non_root_read_only_with_a_tmp_volume()
    {
        Assert.Equal(5, Workloads.Count());
        foreach (var workload in Workloads)
        {
            var name = workload["metadata"]!["name"].Text();
            var pod = PodSpec(workload);
            Assert.Equal("true", pod["securityContext"]?["runAsNonRoot"].Text());
            Assert.Equal("false", pod["automountServiceAccountToken"].Text());
            foreach (var container in pod["containers"].Items())
            {
                var security = container["securityContext"];
                Assert.True(security?["runAsNonRoot"].Text() == "true", $"{name}: runAsNonRoot");
                Assert.True(security?["readOnlyRootFilesystem"].Text() == "true", $"{name}: readOnlyRootFilesystem");
                Assert.True(security?["allowPrivilegeEscalation"].Text() == "false", $"{name}: allowPrivilegeEscalation");
                Assert.Equal(["ALL"], security?["capabilities"]?["drop"].Items().Select(capability => capability.Text()));
                Assert.Equal("RuntimeDefault", security?["seccompProfile"]?["type"].Text());

                var tmp = container["volumeMounts"].Items().Single(mount => mount["mountPath"].Text() == "/tmp");
                var volume = pod["volumes"].Items().Single(candidate => candidate["name"].Text() == tmp["name"].Text());
                Assert.NotNull(volume["emptyDir"]);
            }
        }
    }

    [Fact]
    public void Migrations_are_a_job_and_backups_a_daily_cron_job_running_the_backup_cli()
    {
        var job = Single("Job", "migrations");
        Assert.Equal("Never", PodSpec(job)["restartPolicy"].Text());
        Assert.Equal("marketresearch/migrations", PodSpec(job)["containers"].Items().Single()["image"].Text().Split(':')[0]);

        var backup = Single("CronJob", "backup");
        Assert.Equal("0 2 * * *", backup["spec"]!["schedule"].Text());
        Assert.Equal("Forbid", backup["spec"]!["concurrencyPolicy"].Text());
        var container = PodSpec(backup)["containers"].Items().Single();
        Assert.StartsWith("marketresearch/backup:", container["image"].Text());
        Assert.Equal(["backup", "run"], container["command"].Items().Select(part => part.Text()));
    }

    [Fact]
    public void Secrets_are_only_referenced_never_included()
    {
        Assert.Empty(OfKind("Secret"));
        foreach (var workload in Workloads)
        {
            foreach (var variable in PodSpec(workload)["containers"].Items().SelectMany(container => container["env"].Items()))
            {
                var name = variable["name"].Text();
                if (variable["valueFrom"]?["secretKeyRef"] is { } reference)
                {
                    Assert.Equal("marketresearch-secrets", reference["name"].Text());
                    continue;
                }

                // A literal is allowed only when it builds on a secret variable ($(SECRET_...)), never holding one.
                Assert.False(SecretLooking().IsMatch(name) && !variable["value"].Text().Contains("$(SECRET_", StringComparison.Ordinal),
                    $"{workload["metadata"]!["name"].Text()}: {name} has a literal value");
            }
        }

        foreach (var map in OfKind("ConfigMap"))
        {
            Assert.All(map["data"].Entries(), entry => Assert.False(SecretLooking().IsMatch(entry.Key), $"{entry.Key} is in a ConfigMap"));
        }
    }

    [Fact]
    public void The_ingress_terminates_tls_through_cert_manager_and_routes_to_existing_services()
    {
        var ingress = OfKind("Ingress").Single();
        Assert.False(string.IsNullOrEmpty(ingress["metadata"]?["annotations"]?["cert-manager.io/cluster-issuer"].Text()));
        var spec = ingress["spec"]!;
        var tlsHosts = spec["tls"].Items().SelectMany(tls => tls["hosts"].Items()).Select(host => host.Text()).ToList();
        foreach (var rule in spec["rules"].Items())
        {
            Assert.Contains(rule["host"].Text(), tlsHosts);
            foreach (var path in rule["http"]?["paths"].Items() ?? [])
            {
                Single("Service", path["backend"]!["service"]!["name"].Text());
            }
        }

        var backends = spec["rules"].Items().SelectMany(rule => rule["http"]!["paths"].Items()).Select(path => path["backend"]!["service"]!["name"].Text());
        Assert.Equal(["api", "web"], backends.Order());
    }

    [Fact]
    public void The_base_kustomization_lists_every_manifest_file()
    {
        var kustomization = YamlDocuments.LoadOne(Path.Combine(BaseDirectory, "kustomization.yaml"));
        var listed = kustomization["resources"].Items().Select(resource => resource.Text()).Order();
        var files = Directory.EnumerateFiles(BaseDirectory, "*.yaml").Select(Path.GetFileName).Where(file => file != "kustomization.yaml").Order();
        Assert.Equal(files, listed);
    }

    [GeneratedRegex("(?i)(password|secret|_key$|apikey|signingkey|^ConnectionStrings__)")]
    private static partial Regex SecretLooking();
}

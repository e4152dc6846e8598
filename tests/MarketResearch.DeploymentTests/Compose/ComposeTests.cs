using System.Text.RegularExpressions;
using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Compose;

/// <summary>The production compose file: isolation, health, limits, restarts, secrets and start order.</summary>
public sealed partial class ComposeTests
{
    [Fact]
    public void Data_stores_publish_no_ports_and_sit_only_on_internal_networks()
    {
        var networks = ComposeFile.Document["networks"]!;
        foreach (var store in ComposeFile.DataStores)
        {
            var service = ComposeFile.Service(store);
            Assert.Null(service["ports"]);
            Assert.All(service["networks"].Items().Select(network => network.Text()), network =>
                Assert.True(networks[network]?["internal"].Text() == "true", $"{store} is on the non-internal network {network}"));
        }
    }

    [Fact]
    public void Only_the_reverse_proxy_publishes_ports_and_it_terminates_tls_with_mounted_certificates()
    {
        var publishing = ComposeFile.Services.Where(service => service.Value?["ports"] is not null).Select(service => service.Key);
        Assert.Equal(["proxy"], publishing);

        var proxy = ComposeFile.Service("proxy");
        Assert.Contains("443:443", proxy["ports"].Items().Select(port => port.Text()));
        Assert.Contains("./certs:/etc/caddy/certs:ro", proxy["volumes"].Items().Select(volume => volume.Text()));
        var caddyfile = File.ReadAllText(ComposeFile.PathOf("Caddyfile"));
        Assert.Contains("tls /etc/caddy/certs/tls.crt /etc/caddy/certs/tls.key", caddyfile);
        Assert.Matches(@"@internal path [^\n]*/metrics", caddyfile);
        Assert.Contains("handle /api/*", caddyfile);
    }

    [Fact]
    public void Every_long_running_service_has_a_healthcheck_limits_reservations_and_a_restart_policy()
    {
        foreach (var (name, service) in ComposeFile.Services)
        {
            Assert.True(service!["restart"].Text() is "unless-stopped" or "always" or "no", $"{name} has no restart policy");
            foreach (var kind in new[] { "limits", "reservations" })
            {
                var resources = service["deploy"]?["resources"]?[kind];
                Assert.False(string.IsNullOrEmpty(resources?["cpus"].Text()), $"{name} has no {kind} cpus");
                Assert.False(string.IsNullOrEmpty(resources?["memory"].Text()), $"{name} has no {kind} memory");
            }

            if (ComposeFile.IsOneShot(service))
            {
                continue;
            }

            // Our chiseled images cannot run a healthcheck themselves: their probe container carries it.
            var checkedBy = ComposeFile.DotNetServices.Contains(name) ? ComposeFile.Service($"{name}-health") : service;
            var test = checkedBy["healthcheck"]?["test"].Items().Select(part => part.Text()).ToList() ?? [];
            Assert.True(test.Count > 1 && test[0] is "CMD" or "CMD-SHELL", $"{name} has no healthcheck");
            if (ComposeFile.DotNetServices.Contains(name))
            {
                Assert.Contains($"http://{name}:8080/health/ready", test);
            }
        }
    }

    [Fact]
    public void No_secret_value_is_in_the_compose_file_only_required_variables()
    {
        foreach (var (name, service) in ComposeFile.Services)
        {
            foreach (var (variable, value) in service!["environment"].Entries())
            {
                var text = value.Text();
                if (SecretLooking().IsMatch(variable))
                {
                    Assert.True(text.Contains("${", StringComparison.Ordinal), $"{name}: {variable} holds a value instead of a variable");
                }

                // Inside connection strings every password is a variable too.
                Assert.False(LiteralPassword().IsMatch(text), $"{name}: {variable} has a literal password");
            }
        }

        // ${X:-default} or ${X-default} would deploy a default; only required forms are allowed.
        Assert.DoesNotMatch(@"\$\{[A-Z0-9_]+:?-", ComposeFile.Text);
    }

    [Fact]
    public void The_env_template_lists_exactly_the_variables_compose_needs_all_empty()
    {
        var lines = File.ReadAllLines(ComposeFile.PathOf(".env.template")).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        Assert.All(lines, line => Assert.Matches("^[A-Z0-9_]+=$", line));

        var declared = lines.Select(line => line.TrimEnd('=')).ToHashSet();
        Assert.Equal(ComposeFile.InterpolatedVariables(ComposeFile.Text).Order(), declared.Order());
        Assert.Contains("POSTGRES_PASSWORD", declared);
        Assert.Contains("TOKEN_SIGNING_KEY", declared);
    }

    [Fact]
    public void Migrations_run_once_and_gate_the_api_and_the_worker()
    {
        var migrations = ComposeFile.Service("migrations");
        Assert.True(ComposeFile.IsOneShot(migrations));
        Assert.Null(migrations["ports"]);
        Assert.Equal("service_healthy", migrations["depends_on"]?["postgres"]?["condition"].Text());

        foreach (var service in new[] { "api", "worker" })
        {
            Assert.Equal("service_completed_successfully", ComposeFile.Service(service)["depends_on"]?["migrations"]?["condition"].Text());
        }
    }

    [Fact]
    public void Data_store_sizes_come_from_the_settings()
    {
        var redis = string.Join(' ', ComposeFile.Service("redis")["command"].Items().Select(part => part.Text()));
        Assert.Contains("--maxmemory 2gb --maxmemory-policy noeviction", redis);
        var postgres = ComposeFile.Service("postgres")["command"].Items().Select(part => part.Text()).ToList();
        Assert.Contains("max_connections=200", postgres);
        var graph = ComposeFile.Service("graph")["environment"]!;
        Assert.Equal("4G", graph["NEO4J_server_memory_heap_max__size"].Text());
        Assert.Equal("1G", graph["NEO4J_server_memory_pagecache_size"].Text());

        foreach (var service in new[] { "api", "worker", "migrations" })
        {
            Assert.Contains("Maximum Pool Size=", ComposeFile.Service(service)["environment"]?["ConnectionStrings__marketresearch"].Text());
        }
    }

    [Fact]
    public void Monitoring_mounts_point_at_files_in_deploy_monitoring()
    {
        var composeDirectory = Path.GetDirectoryName(ComposeFile.PathOf())!;
        var mounts = ComposeFile.Services.SelectMany(service => service.Value!["volumes"].Items())
            .Select(volume => volume.Text().Split(':')[0])
            .Where(source => source.StartsWith("../", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(mounts);
        Assert.All(mounts, source =>
        {
            var path = Path.GetFullPath(Path.Combine(composeDirectory, source));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{source} does not exist ({path})");
            Assert.StartsWith(Repository.PathOf("deploy", "monitoring"), path);
        });
    }

    [GeneratedRegex("(?i)(password|secret|_key$|_pass$|apikey|signingkey|^NEO4J_AUTH$|^ConnectionStrings__)")]
    private static partial Regex SecretLooking();

    [GeneratedRegex(@"(?i)password=(?!\$\{)[^;,]")]
    private static partial Regex LiteralPassword();
}

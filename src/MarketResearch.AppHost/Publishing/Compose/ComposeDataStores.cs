using System.Globalization;
using static MarketResearch.AppHost.Publishing.Compose.ComposeParts;

namespace MarketResearch.AppHost.Publishing.Compose;

/// <summary>Postgres, Redis and Neo4j as the AppHost runs them, sized for production, on the internal network only.</summary>
internal static class ComposeDataStores
{
    public static YamlMap Service(DataStore store, DeploymentSettings settings, ComposeVariables variables)
    {
        var resources = store.Kind switch
        {
            DataStoreKind.Postgres => (ResourceSettings)settings.Postgres,
            DataStoreKind.Redis => settings.Redis,
            _ => settings.Graph,
        };

        // No ports: only containers on the internal data network reach a data store.
        var service = LongRunning(store.Image, resources, [DataNetwork]);
        if (store.Entrypoint is { } entrypoint)
        {
            service["entrypoint"] = entrypoint;
        }

        if (Command(store, settings) is { Count: > 0 } command)
        {
            service["command"] = command;
        }

        service["environment"] = Environment(store, settings, variables);
        service["volumes"] = store.Volumes.Select(volume => $"{volume.Name}:{volume.Target}").ToList();
        service["healthcheck"] = store.Kind switch
        {
            DataStoreKind.Postgres => Healthcheck(["CMD", "pg_isready", "-U", Literal(store, "POSTGRES_USER"), "-d", "postgres"], interval: "10s"),
            // REDISCLI_AUTH keeps the password off redis-cli's command line.
            DataStoreKind.Redis => Healthcheck(["CMD-SHELL", "REDISCLI_AUTH=\"$$REDIS_PASSWORD\" redis-cli ping | grep -q PONG"], interval: "10s"),
            // cypher-shell ships in the image and proves the database answers queries, not only that the port is open.
            _ => Healthcheck(["CMD-SHELL", "NEO4J_PASSWORD=\"$${NEO4J_AUTH#*/}\" cypher-shell -u neo4j 'RETURN 1' >/dev/null"], interval: "30s", timeout: "20s", startPeriod: "90s"),
        };
        return service;
    }

    private static List<string> Command(DataStore store, DeploymentSettings settings)
    {
        var args = store.Args.Select(arg => arg.Replace("$", "$$", StringComparison.Ordinal)).ToList();
        switch (store.Kind)
        {
            case DataStoreKind.Postgres:
                return ["postgres", "-c", $"max_connections={settings.Postgres.MaxConnections.ToString(CultureInfo.InvariantCulture)}",
                    "-c", $"shared_buffers={settings.Postgres.SharedBuffers}", .. args];
            case DataStoreKind.Redis when args is ["-c", var script]:
                // The AppHost starts redis-server through a shell (the password comes from the environment); add the memory cap.
                var maxMemory = settings.Redis.MaxMemory.ToLowerInvariant() + "b";
                return ["-c", $"{script} --maxmemory {maxMemory} --maxmemory-policy {settings.Redis.MaxMemoryPolicy}"];
            case DataStoreKind.Redis:
                throw new DistributedApplicationException($"Redis '{store.Name}' no longer starts through 'sh -c'; update {nameof(ComposeDataStores)}.");
            default:
                return args;
        }
    }

    private static YamlMap Environment(DataStore store, DeploymentSettings settings, ComposeVariables variables)
    {
        var environment = new YamlMap();
        foreach (var variable in store.Environment)
        {
            environment[variable.Name] = variable.Value switch
            {
                LiteralValue literal => literal.Text,
                SecretValue secret => variables.Secret(secret.Secret),
                ExpressionValue expression => variables.Render(expression.Expression),
                _ => throw new DistributedApplicationException($"{store.Name}: {variable.Name} cannot be written to compose."),
            };
        }

        if (store.Kind == DataStoreKind.Graph)
        {
            // Production memory replaces the AppHost's development sizes.
            environment["NEO4J_server_memory_heap_initial__size"] = settings.Graph.HeapInitial;
            environment["NEO4J_server_memory_heap_max__size"] = settings.Graph.HeapMax;
            environment["NEO4J_server_memory_pagecache_size"] = settings.Graph.PageCache;
        }

        return environment;
    }

    private static string Literal(DataStore store, string name) =>
        store.Environment.Single(variable => variable.Name == name).Value is LiteralValue literal
            ? literal.Text
            : throw new DistributedApplicationException($"{store.Name}: {name} is expected to be plain text.");
}

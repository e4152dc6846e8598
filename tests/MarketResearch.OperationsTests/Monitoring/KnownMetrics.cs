using System.Collections.Frozen;

namespace MarketResearch.OperationsTests.Monitoring;

/// <summary>
/// Every metric name alerts and dashboards may use, by where it comes from. A query naming anything else
/// is a typo or a metric nobody emits; docs/operations.md#metric-contract lists the same names.
/// </summary>
internal static class KnownMetrics
{
    /// <summary>Emitted today by ServiceDefaults (ASP.NET Core, Kestrel, .NET runtime) and the worker.</summary>
    private static readonly string[] EmittedByServices =
    [
        "dotnet_gc_collections_total",
        "dotnet_gc_pause_time_seconds_total",
        "dotnet_gc_last_collection_heap_size_bytes",
        "dotnet_process_cpu_time_seconds_total",
        "dotnet_process_memory_working_set_bytes",
        "http_server_active_requests",
        "kestrel_active_connections",
        "worker_heartbeats_total",
        "worker_last_heartbeat_seconds",
    ];

    /// <summary>Agreed names for what the identity, jobs, LLM, backup and product features emit.</summary>
    private static readonly string[] Agreed =
    [
        "security_lockouts_total",
        "security_events_total",
        "rate_limit_rejections_total",
        "password_hashes_total",
        "llm_requests_total",
        "llm_tokens_total",
        "llm_cost_usd_total",
        "personas_generated_total",
        "focus_groups_completed_total",
        "surveys_completed_total",
        "jobs_queued",
        "jobs_running",
        "jobs_dead_lettered_total",
        "job_failures_total",
        "backup_last_success_timestamp_seconds",
    ];

    private static readonly string[] Histograms =
    [
        "http_server_request_duration_seconds",
        "llm_request_duration_seconds",
        "job_duration_seconds",
        "password_hash_queue_wait_seconds",
    ];

    /// <summary>prometheus-postgres-exporter 0.11 and prometheus-redis-exporter 1.45 (Debian 12).</summary>
    private static readonly string[] Exporters =
    [
        "pg_up",
        "pg_stat_database_numbackends",
        "pg_stat_database_xact_commit",
        "pg_stat_database_xact_rollback",
        "pg_stat_database_blks_hit",
        "pg_stat_database_blks_read",
        "pg_stat_database_deadlocks",
        "pg_settings_max_connections",
        "pg_stat_activity_max_tx_duration",
        "pg_database_size_bytes",
        "redis_up",
        "redis_connected_clients",
        "redis_memory_used_bytes",
        "redis_memory_max_bytes",
        "redis_keyspace_hits_total",
        "redis_keyspace_misses_total",
        "redis_commands_processed_total",
        "redis_evicted_keys_total",
    ];

    /// <summary>Written by Prometheus itself for every scrape target.</summary>
    private static readonly string[] Scrape = ["up"];

    public static IReadOnlySet<string> Names { get; } =
        EmittedByServices
            .Concat(Agreed)
            .Concat(Histograms.SelectMany(histogram => new[] { $"{histogram}_bucket", $"{histogram}_count", $"{histogram}_sum" }))
            .Concat(Exporters)
            .Concat(Scrape)
            .ToFrozenSet(StringComparer.Ordinal);
}

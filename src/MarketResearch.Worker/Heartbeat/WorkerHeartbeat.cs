using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Heartbeat;

/// <summary>
/// Proves the worker's loop is alive: counts beats (worker_heartbeats_total), exposes the last beat's time
/// (worker_last_heartbeat_seconds) and fails liveness when beats stop.
/// </summary>
internal sealed class WorkerHeartbeat : BackgroundService, IHealthCheck
{
    public const string MeterName = "MarketResearch.Worker";

    private readonly IOptions<HeartbeatOptions> _options;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _beats;
    private long _lastBeatTicks;

    public WorkerHeartbeat(IOptions<HeartbeatOptions> options, TimeProvider clock, IMeterFactory meters)
    {
        _options = options;
        _clock = clock;
        _lastBeatTicks = clock.GetUtcNow().UtcTicks;
        var meter = meters.Create(MeterName);
        _beats = meter.CreateCounter<long>("worker.heartbeats", description: "Beats of the worker's main loop.");
        meter.CreateObservableGauge(
            "worker.last_heartbeat",
            () => new DateTimeOffset(Interlocked.Read(ref _lastBeatTicks), TimeSpan.Zero).ToUnixTimeMilliseconds() / 1000.0,
            unit: "s",
            description: "Unix time of the worker's last beat.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.Interval, _clock);
        do
        {
            Interlocked.Exchange(ref _lastBeatTicks, _clock.GetUtcNow().UtcTicks);
            _beats.Add(1);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var silence = _clock.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastBeatTicks), TimeSpan.Zero);
        var allowed = _options.Value.Interval * _options.Value.MissedBeatsBeforeUnhealthy;
        return Task.FromResult(silence <= allowed
            ? HealthCheckResult.Healthy($"Last beat {silence.TotalSeconds:0.0}s ago.")
            : HealthCheckResult.Unhealthy($"No beat for {silence.TotalSeconds:0.0}s (allowed {allowed.TotalSeconds:0.0}s)."));
    }
}

internal static class WorkerHeartbeatRegistration
{
    public static WebApplicationBuilder AddWorkerHeartbeat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HeartbeatOptions>()
            .Bind(builder.Configuration.GetSection(HeartbeatOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WorkerHeartbeat>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WorkerHeartbeat>());
        builder.Services.AddHealthChecks().AddCheck<WorkerHeartbeat>("heartbeat", tags: [ServiceDefaultsExtensions.LiveTag]);
        return builder;
    }
}

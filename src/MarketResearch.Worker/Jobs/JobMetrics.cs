using System.Diagnostics.Metrics;

namespace MarketResearch.Worker.Jobs;

/// <summary>job_duration_seconds, job_failures_total, jobs_dead_lettered_total, and the jobs_queued / jobs_running gauges.</summary>
public sealed class JobMetrics
{
    public const string MeterName = "MarketResearch.Jobs";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _deadLettered;
    private long _queued;
    private long _running;

    public JobMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>("job.duration", unit: "s", description: "Time a job ran, by type and outcome.");
        _failures = meter.CreateCounter<long>("job.failures", description: "Failed job attempts, by type.");
        _deadLettered = meter.CreateCounter<long>("jobs.dead_lettered", description: "Jobs that ran out of attempts.");
        meter.CreateObservableGauge("jobs.queued", () => Interlocked.Read(ref _queued), description: "Jobs waiting in the queue.");
        meter.CreateObservableGauge("jobs.running", () => Interlocked.Read(ref _running), description: "Jobs being run by some worker.");
    }

    public void Finished(string type, string outcome, TimeSpan duration) =>
        _duration.Record(duration.TotalSeconds, new("type", type), new("outcome", outcome));

    public void Failed(string type) => _failures.Add(1, new KeyValuePair<string, object?>("type", type));

    public void DeadLettered(string type) => _deadLettered.Add(1, new KeyValuePair<string, object?>("type", type));

    /// <summary>Queue depth, sampled from Postgres by the queue monitor (a gauge callback must not query a database).</summary>
    public void Sample(long queued, long running)
    {
        Interlocked.Exchange(ref _queued, queued);
        Interlocked.Exchange(ref _running, running);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MarketResearch.AI.Pipeline;

namespace MarketResearch.AI.Tests.Support;

/// <summary>One measurement of an LLM instrument with its labels.</summary>
internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Labels)
{
    public bool Has(string label, string value) => Labels.TryGetValue(label, out var actual) && actual == value;
}

/// <summary>Listens to the "MarketResearch.AI" meter created by one service provider's meter factory only.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<Measurement> measurements = new();

    public MetricsRecorder(IMeterFactory scope)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LlmMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    public IReadOnlyList<Measurement> Of(string instrument) => measurements.Where(m => m.Instrument == instrument).ToList();

    public double Sum(string instrument, params (string Label, string Value)[] labels) =>
        Of(instrument).Where(m => labels.All(l => m.Has(l.Label, l.Value))).Sum(m => m.Value);

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            labels[tag.Key] = tag.Value?.ToString();
        }

        measurements.Enqueue(new Measurement(instrument.Name, value, labels));
    }
}

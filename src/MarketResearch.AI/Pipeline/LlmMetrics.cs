using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Pipeline;

/// <summary>
/// The LLM meters operators alert on. Prometheus names: llm_requests_total, llm_tokens_total,
/// llm_request_duration_seconds and llm_cost_usd_total, labelled by model and operation.
/// </summary>
public sealed class LlmMetrics
{
    public const string MeterName = "MarketResearch.AI";
    public const string RequestsName = "llm.requests";
    public const string TokensName = "llm.tokens";
    public const string DurationName = "llm.request.duration";
    public const string CostName = "llm.cost";

    private const double TokensPerMillion = 1_000_000;

    // LLM calls take from tens of milliseconds (offline) to minutes; OpenTelemetry's default buckets are for milliseconds.
    private static readonly double[] DurationBucketsSeconds = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

    private readonly Counter<long> requests;
    private readonly Counter<long> tokens;
    private readonly Histogram<double> duration;
    private readonly Counter<double> cost;
    private readonly IOptions<LlmOptions> options;

    public LlmMetrics(IMeterFactory meterFactory, IOptions<LlmOptions> options)
    {
        this.options = options;
        var meter = meterFactory.Create(MeterName);
        requests = meter.CreateCounter<long>(RequestsName, "{request}", "Calls to a language model, by outcome.");
        tokens = meter.CreateCounter<long>(TokensName, "{token}", "Tokens sent to (input) and produced by (output) language models.");
        duration = meter.CreateHistogram(
            DurationName,
            "s",
            "Time one call to a language model took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBucketsSeconds });
        cost = meter.CreateCounter<double>(CostName, "usd", "Spend on language models in US dollars, from the configured price table.");
    }

    public void RecordRequest(string model, string operation, string outcome, TimeSpan elapsed)
    {
        var labels = new TagList { { "model", model }, { "operation", operation } };
        duration.Record(elapsed.TotalSeconds, labels);
        labels.Add("outcome", outcome);
        requests.Add(1, labels);
    }

    public void RecordUsage(string model, string operation, UsageDetails? usage)
    {
        var input = usage?.InputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        tokens.Add(input, new TagList { { "model", model }, { "operation", operation }, { "direction", "input" } });
        tokens.Add(output, new TagList { { "model", model }, { "operation", operation }, { "direction", "output" } });

        if (options.Value.Prices.TryGetValue(model, out var price))
        {
            var dollars = ((input * price.InputPerMillionTokens) + (output * price.OutputPerMillionTokens)) / TokensPerMillion;
            cost.Add(dollars, new TagList { { "model", model }, { "operation", operation } });
        }
    }
}

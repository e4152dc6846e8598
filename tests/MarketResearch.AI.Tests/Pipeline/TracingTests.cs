using System.Collections.Concurrent;
using System.Diagnostics;
using MarketResearch.AI.Offline;
using MarketResearch.AI.Pipeline;
using MarketResearch.AI.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Tests.Pipeline;

public sealed class TracingTests
{
    [Fact]
    public async Task Each_call_is_a_gen_ai_span_from_our_source_without_prompts_by_default()
    {
        using var testSource = new ActivitySource("MarketResearch.AI.Tests." + Guid.NewGuid().ToString("N"));
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ResearchChatPipeline.TelemetrySourceName || source.Name == testSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var harness = new PipelineHarness(new OfflineChatClient(Options.Create(new LlmOptions())));

        using (var test = testSource.StartActivity("test"))
        {
            await harness.Client.GetResponseAsync("A secret prompt about pricing?", new ChatOptions().WithPersona(Personas.Typical));
        }

        var traceId = spans.Single(s => s.Source.Name == testSource.Name).TraceId;
        var span = Assert.Single(spans, s => s.Source.Name == ResearchChatPipeline.TelemetrySourceName && s.TraceId == traceId);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(OfflineChatClient.ModelId, span.GetTagItem("gen_ai.response.model"));
        Assert.NotNull(span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains("secret prompt", StringComparison.Ordinal) == true);
    }
}

using System.Diagnostics;
using MarketResearch.AI.Embeddings;
using MarketResearch.AI.Offline;
using MarketResearch.AI.Structured;
using MarketResearch.AI.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace MarketResearch.AI.Tests;

[CollectionDefinition(nameof(ThroughputTests), DisableParallelization = true)]
public sealed class ThroughputCollection;

/// <summary>
/// Measures what the product's targets depend on, run alone so other tests do not skew the numbers.
/// The floors are far below what this 2-core machine does; they catch an accidental slowdown by an order of magnitude.
/// </summary>
[Collection(nameof(ThroughputTests))]
public sealed class ThroughputTests(ITestOutputHelper output)
{
    private const int OfflineCalls = 2000;
    private const int Sentences = 128;

    [Fact]
    public async Task The_offline_simulator_answers_hundreds_of_calls_a_second_through_the_pipeline()
    {
        using var harness = new PipelineHarness(new OfflineChatClient(Options.Create(new LlmOptions())));
        var panel = Personas.Panel(20);
        await harness.Client.GetResponseAsync("warm up");

        var clock = Stopwatch.StartNew();
        for (var call = 0; call < OfflineCalls; call++)
        {
            var options = new ChatOptions().WithPersona(panel[call % panel.Count]).WithSeed(call);
            if (call % 2 == 0)
            {
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(ResearchSchemas.FocusGroupAnswer, "focus_group_answer");
            }

            await harness.Client.GetResponseAsync(Prompts.WithEarlierAnswers(Prompts.All[call % Prompts.All.Count]), options);
        }

        var perSecond = OfflineCalls / clock.Elapsed.TotalSeconds;
        output.WriteLine($"offline: {perSecond:0} calls/s ({OfflineCalls} calls, half text, half schema JSON)");
        Assert.True(perSecond > 200, $"{perSecond:0} calls/s");
    }

    [Fact]
    public async Task MiniLM_embeds_dozens_of_sentences_a_second()
    {
        using var generator = new MiniLmEmbeddingGenerator(Options.Create(new LlmOptions()));
        var sentences = Enumerable.Range(0, Sentences).Select(i => $"Participant {i} said the subscription is convenient but the price is a bit high.").ToList();
        var clock = Stopwatch.StartNew();
        await generator.GenerateAsync(["warm up"]);
        output.WriteLine($"MiniLM: model loaded and first text embedded in {clock.ElapsedMilliseconds} ms");

        clock.Restart();
        await generator.GenerateAsync(sentences);
        var perSecond = Sentences / clock.Elapsed.TotalSeconds;
        output.WriteLine($"MiniLM: {perSecond:0} sentences/s (batches of 32, {Sentences} sentences)");
        Assert.True(perSecond > 5, $"{perSecond:0} sentences/s");
    }
}

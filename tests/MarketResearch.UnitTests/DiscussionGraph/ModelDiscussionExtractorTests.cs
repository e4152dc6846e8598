using MarketResearch.AI;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Worker.DiscussionGraph;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketResearch.UnitTests.DiscussionGraph;

public sealed class ModelDiscussionExtractorTests
{
    [Fact]
    public async Task Every_answer_gets_a_schema_valid_analysis_from_the_model_in_batches()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddResearchAI();
        using var host = builder.Build();
        var extractor = new ModelDiscussionExtractor(host.Services.GetRequiredService<StructuredCompletion>(),
            NullLogger<ModelDiscussionExtractor>.Instance);
        var input = SyntheticDiscussion.Create(personas: 9, questions: 3, seed: 5);

        var analyses = await extractor.ExtractAsync(input, CancellationToken.None);

        Assert.Equal(27, analyses.Count);
        Assert.All(analyses, analysis =>
        {
            Assert.InRange(analysis.Sentiment, -1, 1);
            Assert.All(analysis.Emotions.Keys, emotion => Assert.Contains(emotion, EmotionLexicon.Emotions));
            Assert.All(analysis.Concepts, concept => Assert.True(concept.Key.Split(' ').Length <= KeyPhraseExtractor.MaxWords));
        });
        Assert.Contains(analyses, analysis => analysis.Concepts.Count > 0);
    }

    [Fact]
    public async Task A_model_that_never_answers_validly_falls_back_to_the_lexical_extractor()
    {
        var structured = new StructuredCompletion(new NonsenseChatClient(), Options.Create(new LlmOptions()), NullLogger<StructuredCompletion>.Instance);
        var extractor = new ModelDiscussionExtractor(structured, NullLogger<ModelDiscussionExtractor>.Instance);
        var input = SyntheticDiscussion.Create(personas: 3, questions: 1, seed: 2);

        var analyses = await extractor.ExtractAsync(input, CancellationToken.None);

        Assert.Equal(input.Utterances.Select(utterance => LexicalDiscussionExtractor.Analyse(utterance, "en").Concepts),
            analyses.Select(analysis => analysis.Concepts));
    }

    [Fact]
    public void Model_concepts_are_normalised_like_lexical_ones()
    {
        using var item = System.Text.Json.JsonDocument.Parse("""
            {"concepts":["Delivery Fees","delivery fee","very long product name here"],"emotions":[{"emotion":"fear","intensity":0.4},{"emotion":"bliss","intensity":1}],"sentiment":-3}
            """);

        var analysis = ModelDiscussionExtractor.Read(item.RootElement, "en");

        Assert.Equal(["delivery fee", "very long product"], analysis.Concepts.Select(concept => concept.Key));
        Assert.Equal(["fear"], analysis.Emotions.Keys);
        Assert.Equal(-1, analysis.Sentiment);
    }

    /// <summary>A provider that answers every request with text that is not JSON.</summary>
    private sealed class NonsenseChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "I would rather not.")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

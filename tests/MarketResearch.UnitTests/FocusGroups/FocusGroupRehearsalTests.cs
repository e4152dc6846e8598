using System.Collections.Concurrent;
using MarketResearch.AI;
using MarketResearch.AI.Offline;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Worker.DiscussionGraph;
using MarketResearch.Worker.FocusGroups;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketResearch.UnitTests.FocusGroups;

/// <summary>
/// The worker's start-up rehearsal runs a focus group's real code end to end on the offline simulator: every round,
/// the follow-ups, memory ranked by embedding, statistics, insights and the graph, with either graph extractor.
/// </summary>
public sealed class FocusGroupRehearsalTests
{
    private const int Participants = 6;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_rehearsal_runs_every_stage_of_a_moderated_group_on_the_offline_simulator(bool modelExtractor)
    {
        var chat = new CountingChat(new OfflineChatClient(Options.Create(new LlmOptions())));
        var structured = new StructuredCompletion(chat, Options.Create(new LlmOptions()), NullLogger<StructuredCompletion>.Instance);
        var embedder = new WordEmbedder();
        var options = new FocusGroupOptions();
        IDiscussionExtractor extractor = modelExtractor ? new ModelDiscussionExtractor(structured, NullLogger<ModelDiscussionExtractor>.Instance) : new LexicalDiscussionExtractor();

        var rehearsed = await FocusGroupRehearsal.RunAsync(structured, embedder, extractor, new DiscussionGraphOptions(), options, Participants, TimeProvider.System, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));

        var questions = rehearsed.Group.Questions.Count;
        Assert.True(questions > options.MemoryAnswers, "more questions than a persona recalls, so recall ranks");
        Assert.Equal(Participants, rehearsed.Personas.Count);
        // Everyone answers each question, the moderator follows up, and the furthest few answer the follow-up.
        var followUpAnswers = Math.Min(Participants, options.FollowUpParticipants);
        Assert.Equal(questions * (Participants + 1 + followUpAnswers), rehearsed.Turns.Count);
        Assert.Equal(questions, rehearsed.Turns.Count(turn => turn.SpeakerPersonaId is null && turn.Round == FocusGroupRounds.FollowUp));
        Assert.All(rehearsed.Turns, turn => Assert.False(string.IsNullOrWhiteSpace(turn.Text)));
        Assert.All(rehearsed.Turns, turn => Assert.NotNull(turn.Embedding));
        // Questions are embedded only to rank a memory that no longer fits.
        Assert.Contains(embedder.Texts, text => rehearsed.Group.Questions.Contains(text));
        Assert.Equal(questions, rehearsed.Statistics.Questions.Count);
        Assert.Equal(questions * (Participants + followUpAnswers), rehearsed.Statistics.Answers);
        Assert.True(rehearsed.Insights.RootElement.TryGetProperty("executiveSummary", out var summary) && summary.GetString()!.Length > 0);
        Assert.NotEmpty(rehearsed.Graph.Nodes);
        Assert.True(rehearsed.LiveEvents >= rehearsed.Turns.Count);
        // Answers, follow-ups and insights (and the extraction batches when the model extracts): all offline.
        Assert.Contains("focus_group_answer", chat.Operations);
        Assert.Contains("focus_group_followup", chat.Operations);
        Assert.Contains("focus_group_insights", chat.Operations);
        Assert.All(chat.Models, model => Assert.Equal(OfflineChatClient.ModelId, model));
    }

    /// <summary>Passes every call to the offline client and keeps which operation asked and which model answered.</summary>
    private sealed class CountingChat(IChatClient inner) : DelegatingChatClient(inner)
    {
        public ConcurrentBag<string> Operations { get; } = [];

        public ConcurrentBag<string?> Models { get; } = [];

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Operations.Add(options.GetOperation());
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            Models.Add(response.ModelId);
            return response;
        }
    }

    /// <summary>A vector of word hashes: similar texts are close, and every text asked for is kept.</summary>
    private sealed class WordEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        private const int Dimensions = 32;
        private readonly ConcurrentBag<string> _texts = [];

        public IReadOnlyCollection<string> Texts => _texts;

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var embeddings = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var text in values)
            {
                _texts.Add(text);
                var vector = new float[Dimensions];
                foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    vector[(word.GetHashCode(StringComparison.OrdinalIgnoreCase) & int.MaxValue) % Dimensions] += 1;
                }

                vector[0] += 0.01f;
                embeddings.Add(new Embedding<float>(vector));
            }

            return Task.FromResult(embeddings);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using MarketResearch.AI;
using MarketResearch.AI.Structured;
using MarketResearch.Worker.FocusGroups;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketResearch.UnitTests.FocusGroups;

/// <summary>
/// The moderator does not wait for the answers' embeddings to start the next round while every earlier answer fits a
/// persona's memory (ranking would only reorder them), and does wait for them, and ranks, once it has to choose.
/// </summary>
public sealed partial class FocusGroupModeratorTests
{
    private static readonly string[] Questions = ["Tell us about cats?", "Tell us about dogs?", "And dogs again?"];

    [Fact]
    public async Task Rounds_go_on_while_the_answers_are_still_being_embedded_and_memory_recalls_them_in_speaking_order()
    {
        var chat = new TopicChat();
        var embedder = new GatedEmbedder();
        var live = new RecordingTranscript();
        var moderator = Moderator(chat, embedder, live, memoryAnswers: 3);

        var discussion = await moderator.DiscussAsync(Brief(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        // Every round was asked and answered while no vector existed yet.
        Assert.Equal(0, embedder.Completed);
        Assert.Equal(2 * Questions.Length, chat.Prompts.Count);
        Assert.False(discussion.Embedded.IsCompleted);
        var lastPrompt = chat.Prompts.Single(prompt => prompt.Contains("And dogs again?", StringComparison.Ordinal) && prompt.Contains("\"Ala on cats\"", StringComparison.Ordinal));
        Assert.Equal(["Ala on cats", "Ala on dogs"], Recalled(lastPrompt));

        embedder.Open();
        await discussion.Embedded.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(discussion.Transcript, turn => Assert.NotNull(turn.Embedding));
        Assert.Equal(discussion.Transcript.Count, live.Turns.Count);
        Assert.Equal(Enumerable.Range(0, discussion.Transcript.Count), discussion.Transcript.Select(turn => turn.Sequence).Order());
    }

    [Fact]
    public async Task Once_a_persona_has_more_answers_than_it_recalls_the_round_waits_for_the_vectors_and_ranks_them()
    {
        var chat = new TopicChat();
        var embedder = new GatedEmbedder();
        var moderator = Moderator(chat, embedder, new RecordingTranscript(), memoryAnswers: 1);

        var discussing = moderator.DiscussAsync(Brief(), CancellationToken.None);
        // Round two recalls one answer of one: no ranking, no wait. Round three must choose one of two.
        await chat.WaitForPromptsAsync(2 * 2);
        await embedder.Requested("And dogs again?").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2 * 2, chat.Prompts.Count);
        Assert.False(discussing.IsCompleted);

        embedder.Open();
        var discussion = await discussing.WaitAsync(TimeSpan.FromSeconds(30));
        await discussion.Embedded.WaitAsync(TimeSpan.FromSeconds(30));
        var lastPrompt = chat.Prompts.Single(prompt => prompt.Contains("And dogs again?", StringComparison.Ordinal) && prompt.Contains("\"Ala on dogs\"", StringComparison.Ordinal));
        // The dogs answer is the closer one to a question about dogs, though the cats answer came first.
        Assert.Equal(["Ala on dogs"], Recalled(lastPrompt));
    }

    private static DiscussionBrief Brief() => new("Pets", Questions, FollowUps: false,
    [
        Participant("Ala"),
        Participant("Olek"),
    ]);

    private static FocusGroupParticipant Participant(string name) =>
        new(Guid.NewGuid(), name, 7, new Dictionary<string, string>(), new PersonaContext { Name = name }, $"You are {name}.");

    private static FocusGroupModerator Moderator(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embedder, ILiveTranscript live, int memoryAnswers) =>
        new(new StructuredCompletion(chat, Options.Create(new LlmOptions()), NullLogger<StructuredCompletion>.Instance), embedder,
            new FocusGroupOptions { MemoryAnswers = memoryAnswers }, live, TimeProvider.System);

    /// <summary>The quoted lines of the prompt's memory section, in order.</summary>
    private static List<string> Recalled(string prompt)
    {
        var section = prompt[prompt.IndexOf("Your own earlier answers", StringComparison.Ordinal)..prompt.IndexOf("The moderator asks", StringComparison.Ordinal)];
        return MemoryLine().Matches(section).Select(match => match.Groups[1].Value).ToList();
    }

    [GeneratedRegex("^- \"(.*)\"$", RegexOptions.Multiline)]
    private static partial Regex MemoryLine();

    /// <summary>Each participant answers "{name} on {cats|dogs}" after the topic of the question asked.</summary>
    private sealed class TopicChat : IChatClient
    {
        private readonly ConcurrentQueue<string> _prompts = new();

        public IReadOnlyList<string> Prompts => [.. _prompts];

        public async Task WaitForPromptsAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (_prompts.Count < count)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var conversation = messages.ToList();
            var prompt = conversation[^1].Text;
            _prompts.Enqueue(prompt);
            var name = conversation[0].Text["You are ".Length..^1];
            var asked = prompt[prompt.IndexOf("The moderator asks", StringComparison.Ordinal)..];
            var topic = asked.Contains("cats", StringComparison.Ordinal) ? "cats" : "dogs";
            var reply = JsonSerializer.Serialize(new { answer = $"{name} on {topic}", sentiment = 0.1, agreesWith = Array.Empty<string>(), disagreesWith = Array.Empty<string>() });
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>Vectors [cats, dogs] by the words of the text, handed out only once opened.</summary>
    private sealed class GatedEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _requested = new();
        private int _completed;

        /// <summary>Ends when the text has been asked for.</summary>
        public Task Requested(string text) => _requested.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public int Completed => Volatile.Read(ref _completed);

        public void Open() => _open.TrySetResult();

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            foreach (var text in texts)
            {
                _requested.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            await _open.Task.WaitAsync(cancellationToken);
            Interlocked.Add(ref _completed, texts.Count);
            return [.. texts.Select(text => new Embedding<float>(new float[]
            {
                text.Contains("cats", StringComparison.OrdinalIgnoreCase) ? 1 : 0,
                text.Contains("dogs", StringComparison.OrdinalIgnoreCase) ? 1 : 0,
                0.1f,
            }))];
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class RecordingTranscript : ILiveTranscript
    {
        public ConcurrentQueue<DiscussionTurn> Turns { get; } = new();

        public void Spoken(DiscussionTurn turn) => Turns.Enqueue(turn);

        public void Progress(double fraction, string message)
        {
        }
    }
}

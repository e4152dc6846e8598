using MarketResearch.AI;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.Analysis;
using MarketResearch.Domain.FocusGroups;
using Microsoft.Extensions.AI;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>What the discussion is about.</summary>
internal sealed record DiscussionBrief(string Project, IReadOnlyList<string> Questions, bool FollowUps, IReadOnlyList<FocusGroupParticipant> Participants);

/// <summary>The transcript in speaking order, and the task that ends when every turn has its embedding.</summary>
internal sealed record Discussion(IReadOnlyList<DiscussionTurn> Transcript, Task Embedded);

/// <summary>
/// Runs the discussion: for each question every participant answers at once (bounded), seeing a digest of the
/// earlier rounds and recalling its own most relevant answers; then the moderator may probe the participants who
/// stand furthest from the group. Every turn is published live as it is spoken.
/// </summary>
internal sealed class FocusGroupModerator(
    StructuredCompletion structured, IEmbeddingGenerator<string, Embedding<float>> embeddings, FocusGroupOptions options, ILiveTranscript live, TimeProvider clock)
{
    private readonly List<DiscussionTurn> _transcript = [];
    // Each participant's own earlier answers, in speaking order.
    private readonly Dictionary<Guid, List<DiscussionTurn>> _memories = [];
    private int _sequence = -1;

    /// <summary>
    /// Runs every round. The answers' embeddings may still be under way when it returns (the graph, for one, needs
    /// only the words): <see cref="Discussion.Embedded"/> ends when every turn has its vector.
    /// </summary>
    public async Task<Discussion> DiscussAsync(DiscussionBrief brief, CancellationToken cancellationToken)
    {
        var vectors = new TurnVectors(embeddings, cancellationToken);
        try
        {
            await DiscussAsync(brief, vectors, cancellationToken);
        }
        catch
        {
            await vectors.SettleAsync();
            throw;
        }

        return new Discussion(_transcript, vectors.AllAsync());
    }

    private async Task DiscussAsync(DiscussionBrief brief, TurnVectors vectors, CancellationToken cancellationToken)
    {
        var names = new ParticipantNames(brief.Participants.Select(p => (p.Id, p.Name)));
        // A question's vector only ranks memories, which a short discussion never needs: embedded on first use.
        var questionVectors = brief.Questions.Select(question => new Lazy<Task<float[]>>(() => vectors.EmbedAsync(question))).ToList();
        var rounds = brief.Questions.Count * (brief.FollowUps ? 2 : 1);
        var roundsDone = 0;
        for (var index = 0; index < brief.Questions.Count; index++)
        {
            var question = brief.Questions[index];
            var earlier = DiscussionDigest.Earlier(brief.Questions, _transcript, index);
            var previous = _transcript.Where(turn => turn.QuestionIndex == index - 1 && turn.Speaker is not null).ToList();
            var last = index == brief.Questions.Count - 1;
            var answers = await RoundAsync(brief, names, vectors, index, FocusGroupRounds.Answer, question, questionVectors[index], brief.Participants, earlier, previous,
                another: !last || brief.FollowUps, cancellationToken);
            live.Progress(0.9 * ++roundsDone / rounds, $"Question {index + 1} of {brief.Questions.Count} answered");

            if (brief.FollowUps)
            {
                // Who stands where is read from the answers' vectors.
                await Task.WhenAll(answers.Select(vectors.Of));
                var followUp = await FollowUpAsync(brief, index, answers, cancellationToken);
                vectors.Start(followUp);
                var asked = FollowUpAudience(answers, brief.Participants);
                var followUpVector = new Lazy<Task<float[]>>(() => vectors.Of(followUp));
                await RoundAsync(brief, names, vectors, index, FocusGroupRounds.FollowUp, followUp.Text, followUpVector, asked, earlier, answers, another: !last, cancellationToken);
                live.Progress(0.9 * ++roundsDone / rounds, $"Follow-up {index + 1} of {brief.Questions.Count} answered");
            }
        }
    }

    private async Task<List<DiscussionTurn>> RoundAsync(
        DiscussionBrief brief, ParticipantNames names, TurnVectors vectors, int questionIndex, int round, string question, Lazy<Task<float[]>> questionVector,
        IReadOnlyList<FocusGroupParticipant> speakers, string earlier, IReadOnlyList<DiscussionTurn> latest, bool another, CancellationToken cancellationToken)
    {
        var answers = new DiscussionTurn?[speakers.Count];
        // The previous round's answers are embedded once this round's calls are out, so the two do not compete for the
        // cores; this round's wait for the next round's calls, unless there is none.
        var previous = vectors.Hold(another);
        var firstCalls = Math.Min(speakers.Count, options.AnswerConcurrency);
        var dispatched = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.AnswerConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, speakers.Count), parallel, async (position, token) =>
        {
            var speaker = speakers[position];
            var prompt = FocusGroupPrompts.Answer.Render(new Dictionary<string, string?>
            {
                ["project"] = brief.Project,
                ["earlier"] = earlier,
                ["digest"] = DiscussionDigest.Recent(latest, speaker, position, options.DigestStatements, options.DigestStatementChars),
                ["memory"] = await MemoryAsync(speaker, vectors, questionVector),
                ["question"] = question,
            });
            var chat = new ChatOptions().WithPersona(speaker.Context).WithSeed(speaker.Seed).WithOperation("focus_group_answer");
            var call = structured.CompleteAsync<ParticipantAnswer>(
                [new ChatMessage(ChatRole.System, speaker.SystemPrompt), new ChatMessage(ChatRole.User, prompt)],
                ResearchSchemas.FocusGroupAnswer, "focus_group_answer", chat, token);
            if (Interlocked.Increment(ref dispatched) == firstCalls)
            {
                previous.TrySetResult();
            }

            var reply = await call;
            var text = reply.Answer.Trim();
            var lexicon = SentimentLexicon.Score(text);
            var turn = new DiscussionTurn(Interlocked.Increment(ref _sequence), questionIndex, round, speaker, text,
                SentimentBlend.Combine(reply.Sentiment, lexicon, options.ModelSentimentWeight), reply.Sentiment, lexicon,
                names.Resolve(reply.AgreesWith, speaker.Id), names.Resolve(reply.DisagreesWith, speaker.Id), clock.GetUtcNow());
            // Embedded as soon as it is spoken, in the background: the next round does not wait for it.
            vectors.Start(turn);
            answers[position] = turn;
            live.Spoken(turn);
        });

        var spoken = answers.Select(turn => turn!).ToList();
        foreach (var turn in spoken)
        {
            Remember(turn);
        }

        _transcript.AddRange(spoken);
        return spoken;
    }

    private async Task<DiscussionTurn> FollowUpAsync(DiscussionBrief brief, int questionIndex, IReadOnlyList<DiscussionTurn> answers, CancellationToken cancellationToken)
    {
        var polarization = PolarizationAnalysis.Analyse(questionIndex,
            answers.Select(a => new ScoredAnswer(a.Speaker!.Id, a.Text, a.Sentiment ?? 0, a.Embedding!)).ToList(),
            new ClusteringSettings(options.MaxClusters, options.MinSilhouette, questionIndex));
        var prompt = FocusGroupPrompts.FollowUp.Render(new Dictionary<string, string?>
        {
            ["project"] = brief.Project,
            ["question"] = brief.Questions[questionIndex],
            ["answers"] = string.Join('\n', polarization.Clusters.Select(cluster =>
                $"{answers.First(a => a.Speaker!.Id == cluster.RepresentativeSpeakerId).SpeakerName}: {DiscussionDigest.Shorten(cluster.RepresentativeAnswer, options.DigestStatementChars)}")),
            ["polarization"] = polarization.Index.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        });
        var chat = new ChatOptions().WithOperation("focus_group_followup");
        var reply = await structured.CompleteAsync<ModeratorFollowUp>([new ChatMessage(ChatRole.User, prompt)],
            ResearchSchemas.ModeratorFollowUp, "moderator_follow_up", chat, cancellationToken);
        var turn = new DiscussionTurn(Interlocked.Increment(ref _sequence), questionIndex, FocusGroupRounds.FollowUp, null, reply.FollowUpQuestion.Trim(),
            null, null, null, [], [], clock.GetUtcNow());
        _transcript.Add(turn);
        live.Spoken(turn);
        return turn;
    }

    /// <summary>The follow-up goes to those whose mood is furthest from the group's: they have the most to explain.</summary>
    private List<FocusGroupParticipant> FollowUpAudience(IReadOnlyList<DiscussionTurn> answers, IReadOnlyList<FocusGroupParticipant> participants)
    {
        var mean = answers.Average(turn => turn.Sentiment ?? 0);
        var chosen = answers.OrderByDescending(turn => Math.Abs((turn.Sentiment ?? 0) - mean)).ThenBy(turn => turn.Sequence)
            .Take(options.FollowUpParticipants).Select(turn => turn.Speaker!.Id).ToHashSet();
        return participants.Where(participant => chosen.Contains(participant.Id)).ToList();
    }

    /// <summary>
    /// The participant's own earlier answers worth recalling. While all of them fit the memory, ranking would only
    /// reorder them, so they come in speaking order at once; only beyond that does recall wait for the vectors.
    /// </summary>
    private async Task<string> MemoryAsync(FocusGroupParticipant speaker, TurnVectors vectors, Lazy<Task<float[]>> question)
    {
        if (!_memories.TryGetValue(speaker.Id, out var remembered) || options.MemoryAnswers == 0)
        {
            return string.Empty;
        }

        IEnumerable<string> recalled = remembered.Select(turn => turn.Text);
        if (PersonaMemory.NeedsRanking(remembered.Count, options.MemoryAnswers))
        {
            // The question's vector is computed alongside the answers' rather than after them.
            var questionVector = question.Value;
            var earlier = await Task.WhenAll(remembered.Select(async turn => new RememberedAnswer(turn.QuestionIndex, turn.Text, await vectors.Of(turn))));
            var asked = await questionVector;
            recalled = PersonaMemory.Recall(earlier, asked, options.MemoryAnswers).Select(answer => answer.Text);
        }

        // Quoted and dash-led so no reader takes a remembered answer for another participant speaking.
        return string.Join('\n', recalled.Select(text => $"- \"{DiscussionDigest.Shorten(text, options.DigestStatementChars)}\""));
    }

    private void Remember(DiscussionTurn turn)
    {
        if (!_memories.TryGetValue(turn.Speaker!.Id, out var remembered))
        {
            _memories[turn.Speaker.Id] = remembered = [];
        }

        remembered.Add(turn);
    }

    private sealed record ParticipantAnswer(string Answer, double? Sentiment, List<string>? AgreesWith, List<string>? DisagreesWith);

    private sealed record ModeratorFollowUp(string FollowUpQuestion);
}

using MarketResearch.AI;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.Analysis;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Worker.Jobs;
using Microsoft.Extensions.AI;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>What the discussion is about.</summary>
internal sealed record DiscussionBrief(string Project, IReadOnlyList<string> Questions, bool FollowUps, IReadOnlyList<FocusGroupParticipant> Participants);

/// <summary>
/// Runs the discussion: for each question every participant answers at once (bounded), seeing a digest of the
/// earlier rounds and recalling its own most relevant answers; then the moderator may probe the participants who
/// stand furthest from the group. Every turn is published live as it is spoken.
/// </summary>
internal sealed class FocusGroupModerator(
    StructuredCompletion structured, IEmbeddingGenerator<string, Embedding<float>> embeddings, FocusGroupOptions options, JobContext job, TimeProvider clock)
{
    private readonly List<DiscussionTurn> _transcript = [];
    private readonly Dictionary<Guid, List<RememberedAnswer>> _memories = [];
    private int _sequence = -1;

    public async Task<IReadOnlyList<DiscussionTurn>> DiscussAsync(DiscussionBrief brief, CancellationToken cancellationToken)
    {
        var names = new ParticipantNames(brief.Participants.Select(p => (p.Id, p.Name)));
        var questionVectors = await EmbedAsync(brief.Questions, cancellationToken);
        var rounds = brief.Questions.Count * (brief.FollowUps ? 2 : 1);
        var roundsDone = 0;
        for (var index = 0; index < brief.Questions.Count; index++)
        {
            var question = brief.Questions[index];
            var earlier = DiscussionDigest.Earlier(brief.Questions, _transcript, index);
            var previous = _transcript.Where(turn => turn.QuestionIndex == index - 1 && turn.Speaker is not null).ToList();
            var answers = await RoundAsync(brief, names, index, FocusGroupRounds.Answer, question, questionVectors[index], brief.Participants, earlier, previous, cancellationToken);
            await job.ReportProgressAsync(0.9 * ++roundsDone / rounds, $"Question {index + 1} of {brief.Questions.Count} answered", cancellationToken);

            if (brief.FollowUps)
            {
                var followUp = await FollowUpAsync(brief, index, answers, cancellationToken);
                var asked = FollowUpAudience(answers, brief.Participants);
                var followUpVector = (await EmbedAsync([followUp.Text], cancellationToken))[0];
                followUp.Embedding = followUpVector;
                await RoundAsync(brief, names, index, FocusGroupRounds.FollowUp, followUp.Text, followUpVector, asked, earlier, answers, cancellationToken);
                await job.ReportProgressAsync(0.9 * ++roundsDone / rounds, $"Follow-up {index + 1} of {brief.Questions.Count} answered", cancellationToken);
            }
        }

        return _transcript;
    }

    private async Task<List<DiscussionTurn>> RoundAsync(
        DiscussionBrief brief, ParticipantNames names, int questionIndex, int round, string question, float[] questionVector,
        IReadOnlyList<FocusGroupParticipant> speakers, string earlier, IReadOnlyList<DiscussionTurn> latest, CancellationToken cancellationToken)
    {
        var answers = new DiscussionTurn?[speakers.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.AnswerConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, speakers.Count), parallel, async (position, token) =>
        {
            var speaker = speakers[position];
            var prompt = FocusGroupPrompts.Answer.Render(new Dictionary<string, string?>
            {
                ["project"] = brief.Project,
                ["earlier"] = earlier,
                ["digest"] = DiscussionDigest.Recent(latest, speaker, position, options.DigestStatements, options.DigestStatementChars),
                ["memory"] = Memory(speaker, questionVector),
                ["question"] = question,
            });
            var chat = new ChatOptions().WithPersona(speaker.Context).WithSeed(speaker.Seed).WithOperation("focus_group_answer");
            var reply = await structured.CompleteAsync<ParticipantAnswer>(
                [new ChatMessage(ChatRole.System, speaker.SystemPrompt), new ChatMessage(ChatRole.User, prompt)],
                ResearchSchemas.FocusGroupAnswer, "focus_group_answer", chat, token);
            var text = reply.Answer.Trim();
            var lexicon = SentimentLexicon.Score(text);
            var turn = new DiscussionTurn(Interlocked.Increment(ref _sequence), questionIndex, round, speaker, text,
                SentimentBlend.Combine(reply.Sentiment, lexicon, options.ModelSentimentWeight), reply.Sentiment, lexicon,
                names.Resolve(reply.AgreesWith, speaker.Id), names.Resolve(reply.DisagreesWith, speaker.Id), clock.GetUtcNow());
            // Embedded as soon as it is spoken: the work hides behind the slower participants' model calls and spreads
            // over the embedding model's parallel runs, instead of one batch on one core after the round's last answer.
            turn.Embedding = (await EmbedAsync([text], token))[0];
            answers[position] = turn;
            await job.PublishAsync("turn", turn.ToEvent(), token);
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
        await job.PublishAsync("turn", turn.ToEvent(), cancellationToken);
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

    private string Memory(FocusGroupParticipant speaker, float[] question)
    {
        if (!_memories.TryGetValue(speaker.Id, out var remembered) || options.MemoryAnswers == 0)
        {
            return string.Empty;
        }

        // Quoted and dash-led so no reader takes a remembered answer for another participant speaking.
        return string.Join('\n', PersonaMemory.Recall(remembered, question, options.MemoryAnswers)
            .Select(answer => $"- \"{DiscussionDigest.Shorten(answer.Text, options.DigestStatementChars)}\""));
    }

    private void Remember(DiscussionTurn turn)
    {
        if (!_memories.TryGetValue(turn.Speaker!.Id, out var remembered))
        {
            _memories[turn.Speaker.Id] = remembered = [];
        }

        remembered.Add(new RememberedAnswer(turn.QuestionIndex, turn.Text, turn.Embedding!));
    }

    private async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var generated = await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken);
        return generated.Select(embedding => embedding.Vector.ToArray()).ToArray();
    }

    private sealed record ParticipantAnswer(string Answer, double? Sentiment, List<string>? AgreesWith, List<string>? DisagreesWith);

    private sealed record ModeratorFollowUp(string FollowUpQuestion);
}

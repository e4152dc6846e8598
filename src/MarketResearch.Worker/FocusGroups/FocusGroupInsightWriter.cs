using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Projects;
using Microsoft.Extensions.AI;
using MarketResearch.AI;
using MarketResearch.Worker.Knowledge;

namespace MarketResearch.Worker.FocusGroups;

/// <summary>Has the model write the summary, insights, themes, surprises and recommendations from a sample of the transcript and our statistics.</summary>
internal sealed class FocusGroupInsightWriter(StructuredCompletion structured, FocusGroupOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<JsonDocument> WriteAsync(Project project, IReadOnlyList<string> questions, IReadOnlyList<DiscussionTurn> transcript,
        FocusGroupStatistics statistics, GroundingPassages knowledge, CancellationToken cancellationToken)
    {
        var prompt = FocusGroupPrompts.Insights.Render(new Dictionary<string, string?>
        {
            ["project"] = project.Name,
            ["audience"] = project.Audience.Description,
            ["objectives"] = project.Objectives,
            ["participants"] = statistics.Participants.ToString(CultureInfo.InvariantCulture),
            ["questions"] = string.Join('\n', questions.Select((question, index) => $"{index + 1}. {question}")),
            ["statistics"] = string.Join('\n', statistics.Questions.Select(q => string.Create(CultureInfo.InvariantCulture,
                $"- question {q.QuestionIndex + 1}: mood {q.MeanSentiment:0.00}, polarization {q.Index:0.00}, camps {string.Join(" / ", q.Clusters.Select(c => $"{c.Share:P0} \"{DiscussionDigest.Shorten(c.RepresentativeAnswer, options.InsightExcerptChars)}\""))}"))),
            ["transcript"] = Excerpts(questions, transcript),
            ["knowledge"] = knowledge.Citations.Count == 0 ? null : "Passages from the researcher's documents:\n" + knowledge.PromptSection,
        });
        var chat = new ChatOptions().WithOperation("focus_group_insights");
        var answer = await structured.CompleteAsync([new ChatMessage(ChatRole.User, prompt)], ResearchSchemas.FocusGroupInsights, "focus_group_insights", chat, cancellationToken);
        return WithCitations(answer.Json, knowledge);
    }

    /// <summary>The model's insights plus the passages it was given, so a reader can follow each [n] to its document.</summary>
    internal static JsonDocument WithCitations(JsonElement insights, GroundingPassages knowledge)
    {
        var document = JsonNode.Parse(insights.GetRawText())?.AsObject() ?? [];
        document["citations"] = JsonSerializer.SerializeToNode(knowledge.Citations, Json);
        return JsonSerializer.SerializeToDocument(document, Json);
    }

    /// <summary>An even sample of each question's lines, in speaking order, as "Name: text".</summary>
    private string Excerpts(IReadOnlyList<string> questions, IReadOnlyList<DiscussionTurn> transcript)
    {
        var lines = new List<string>();
        for (var index = 0; index < questions.Count; index++)
        {
            var turns = transcript.Where(turn => turn.QuestionIndex == index).OrderBy(turn => turn.Sequence).ToList();
            var step = Math.Max(1, (int)Math.Ceiling(turns.Count / (double)options.InsightExcerptsPerQuestion));
            lines.Add($"Question {index + 1}:");
            lines.AddRange(turns.Where((_, position) => position % step == 0 || turns[position].Speaker is null)
                .Select(turn => $"{turn.SpeakerName}: {DiscussionDigest.Shorten(turn.Text, options.InsightExcerptChars)}"));
        }

        return string.Join('\n', lines);
    }
}

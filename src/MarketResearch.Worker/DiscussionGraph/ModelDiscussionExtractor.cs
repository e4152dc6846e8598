using System.Globalization;
using MarketResearch.AI;
using MarketResearch.AI.PromptTemplates;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.DiscussionGraph;
using Microsoft.Extensions.AI;

namespace MarketResearch.Worker.DiscussionGraph;

/// <summary>
/// Concepts, emotions and sentiment written by the configured model, <see cref="BatchSize"/> answers per call. A
/// batch the model cannot answer validly falls back to the lexical extractor, so a graph is always built.
/// </summary>
public sealed class ModelDiscussionExtractor(StructuredCompletion structured, ILogger<ModelDiscussionExtractor> logger) : IDiscussionExtractor
{
    public const int BatchSize = 20;
    private const int ConcurrentBatches = 4;
    private static readonly PromptTemplate Prompt = PromptTemplate.Load(typeof(ModelDiscussionExtractor).Assembly, "discussion-analysis", 1);

    public async Task<IReadOnlyList<UtteranceAnalysis>> ExtractAsync(DiscussionInput input, CancellationToken cancellationToken)
    {
        var results = new UtteranceAnalysis[input.Utterances.Count];
        var batches = Enumerable.Range(0, input.Utterances.Count).Chunk(BatchSize).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentBatches, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var analyses = await AnalyseBatchAsync(input, batch, token);
                for (var position = 0; position < batch.Length; position++)
                {
                    results[batch[position]] = analyses[position];
                }
            });
        return results;
    }

    private async Task<IReadOnlyList<UtteranceAnalysis>> AnalyseBatchAsync(DiscussionInput input, int[] batch, CancellationToken cancellationToken)
    {
        var prompt = Prompt.Render(new Dictionary<string, string?>
        {
            ["language"] = input.Locale == "pl" ? "Polish" : "English",
            ["answers"] = string.Join('\n', batch.Select((index, position) =>
                string.Create(CultureInfo.InvariantCulture, $"{position + 1}. {input.Utterances[index].Text.ReplaceLineEndings(" ")}"))),
        });
        try
        {
            var answer = await structured.CompleteAsync([new ChatMessage(ChatRole.User, prompt)],
                ResearchSchemas.DiscussionAnalysis(batch.Length, EmotionLexicon.Emotions), "graph_extraction",
                new ChatOptions().WithOperation("graph_extraction"), cancellationToken);
            return answer.Json.GetProperty("items").EnumerateArray().Select(item => Read(item, input.Locale)).ToList();
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "The model could not analyse {Count} answers; using the lexical extractor for them.", batch.Length);
            return batch.Select(index => LexicalDiscussionExtractor.Analyse(input.Utterances[index], input.Locale)).ToList();
        }
    }

    /// <summary>Model concepts go through the same normalisation as lexical ones, so both kinds of graph merge alike.</summary>
    public static UtteranceAnalysis Read(System.Text.Json.JsonElement item, string locale)
    {
        var concepts = item.GetProperty("concepts").EnumerateArray()
            .Select(concept => concept.GetString()?.Trim().ToLower(CultureInfo.InvariantCulture) ?? string.Empty)
            .Where(concept => concept.Length > 0)
            .Select(concept => new KeyPhrase(string.Join(' ', concept.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(KeyPhraseExtractor.MaxWords)
                .Select(word => KeyPhraseExtractor.Normalise(word, locale))), concept))
            .DistinctBy(phrase => phrase.Key, StringComparer.Ordinal)
            .ToList();
        var emotions = item.GetProperty("emotions").EnumerateArray()
            .Select(emotion => (Name: emotion.GetProperty("emotion").GetString() ?? string.Empty, Intensity: emotion.GetProperty("intensity").GetDouble()))
            .Where(emotion => EmotionLexicon.Emotions.Contains(emotion.Name, StringComparer.Ordinal))
            .GroupBy(emotion => emotion.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => Math.Clamp(group.Max(emotion => emotion.Intensity), 0, 1), StringComparer.Ordinal);
        return new UtteranceAnalysis(concepts, emotions, Math.Clamp(item.GetProperty("sentiment").GetDouble(), -1, 1));
    }
}

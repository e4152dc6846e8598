namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>What an extractor finds in one utterance.</summary>
public sealed record UtteranceAnalysis(IReadOnlyList<KeyPhrase> Concepts, IReadOnlyDictionary<string, double> Emotions, double Sentiment);

/// <summary>Finds concepts, emotions and sentiment in every utterance of a discussion (same order as the input).</summary>
public interface IDiscussionExtractor
{
    Task<IReadOnlyList<UtteranceAnalysis>> ExtractAsync(DiscussionInput input, CancellationToken cancellationToken);
}

/// <summary>
/// The extractor with no model: key phrases and the emotion lexicon; sentiment is the answer's own (scored when the
/// transcript was written), 0 when it has none.
/// </summary>
public sealed class LexicalDiscussionExtractor : IDiscussionExtractor
{
    public Task<IReadOnlyList<UtteranceAnalysis>> ExtractAsync(DiscussionInput input, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UtteranceAnalysis>>(input.Utterances
            .Select(utterance => Analyse(utterance, input.Locale))
            .ToList());

    public static UtteranceAnalysis Analyse(Utterance utterance, string locale) =>
        new(KeyPhraseExtractor.Extract(utterance.Text, locale), EmotionLexicon.Detect(utterance.Text, locale), Math.Clamp(utterance.Sentiment ?? 0, -1, 1));
}

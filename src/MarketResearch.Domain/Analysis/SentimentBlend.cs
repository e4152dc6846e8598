namespace MarketResearch.Domain.Analysis;

/// <summary>
/// One sentiment per answer: the model's own score (how the persona says it feels) weighted with the lexicon's
/// score of the words it used, so a model that always reports 0.0 or mislabels sarcasm is tempered by the text.
/// Without a model score the lexicon's stands alone.
/// </summary>
public static class SentimentBlend
{
    public static double Combine(double? model, double lexicon, double modelWeight)
    {
        var lexical = Math.Clamp(lexicon, -1, 1);
        return model is { } reported && double.IsFinite(reported)
            ? Math.Clamp((modelWeight * Math.Clamp(reported, -1, 1)) + ((1 - modelWeight) * lexical), -1, 1)
            : lexical;
    }
}

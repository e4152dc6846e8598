namespace MarketResearch.AI.Offline;

/// <summary>
/// How a persona leans on the question at hand, derived from its traits, income and the prompt's cues.
/// Every tendency is in [0, 1] except <see cref="Sentiment"/>, which is in [-1, 1].
/// </summary>
internal sealed class PersonaDisposition
{
    // How strongly each trait moves the overall reaction; tuned so that trait extremes move sentiment by ~0.3-0.6.
    private const double Neutral = 0.5;
    private const double BaseSentiment = 0.1;
    private const double AgreeablenessWeight = 0.6;
    private const double NeuroticismWeight = 0.8;
    private const double OpennessOnNoveltyWeight = 1.4;
    private const double PriceSensitivityWeight = 1.2;
    private const double TypicalPriceSensitivity = 0.4;
    private const double SentimentNoise = 0.15;
    private const double ConscientiousPriceShare = 0.2;

    public required double PriceSensitivity { get; init; }

    public required double NoveltySeeking { get; init; }

    public required double Worry { get; init; }

    public required double Pushback { get; init; }

    public required double Talkativeness { get; init; }

    public required double Thoroughness { get; init; }

    public required double Sentiment { get; init; }

    public static PersonaDisposition Of(PersonaContext persona, ConversationReading reading, DeterministicRandom random)
    {
        var traits = persona.BigFive;
        var priceSensitivity = Math.Clamp(
            ((1 - IncomeBands.AffordabilityOf(persona.IncomeBand)) * (1 - ConscientiousPriceShare)) + (traits.Conscientiousness * ConscientiousPriceShare),
            0,
            1);

        var sentiment = BaseSentiment
            + ((traits.Agreeableness - Neutral) * AgreeablenessWeight)
            - ((traits.Neuroticism - Neutral) * NeuroticismWeight)
            + (reading.MentionsNovelty ? (traits.Openness - Neutral) * OpennessOnNoveltyWeight : 0)
            - (reading.MentionsPrice ? (priceSensitivity - TypicalPriceSensitivity) * PriceSensitivityWeight : 0)
            + random.Between(-SentimentNoise, SentimentNoise);

        return new PersonaDisposition
        {
            PriceSensitivity = priceSensitivity,
            NoveltySeeking = traits.Openness,
            Worry = traits.Neuroticism,
            Pushback = 1 - traits.Agreeableness,
            Talkativeness = traits.Extraversion,
            Thoroughness = traits.Conscientiousness,
            Sentiment = Math.Clamp(sentiment, -1, 1),
        };
    }
}

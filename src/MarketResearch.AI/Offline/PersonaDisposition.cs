using System.Globalization;
using System.Text.RegularExpressions;

namespace MarketResearch.AI.Offline;

/// <summary>
/// How a persona leans on the question at hand, derived from its traits, income and the prompt's cues.
/// Every tendency is in [0, 1] except <see cref="Sentiment"/>, which is in [-1, 1].
/// </summary>
internal sealed partial class PersonaDisposition
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

    // Annual income in thousands below which a band reads as low, lower-middle, middle and upper-middle.
    private static readonly (double Thousands, double Affordability)[] IncomeSteps =
        [(25, 0.15), (50, 0.35), (80, 0.55), (150, 0.75)];

    private const double TopAffordability = 0.9;

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
            ((1 - AffordabilityOf(persona.IncomeBand)) * (1 - ConscientiousPriceShare)) + (traits.Conscientiousness * ConscientiousPriceShare),
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

    /// <summary>Reads a free-text income label: words ("low", "upper-middle") or amounts ("30-60k", "100k+", "$45,000").</summary>
    public static double AffordabilityOf(string? incomeBand)
    {
        if (string.IsNullOrWhiteSpace(incomeBand))
        {
            return Neutral;
        }

        var band = incomeBand.ToLowerInvariant();
        if (band.Contains("upper", StringComparison.Ordinal) && band.Contains("middle", StringComparison.Ordinal))
        {
            return IncomeSteps[3].Affordability;
        }

        if (band.Contains("lower", StringComparison.Ordinal) && band.Contains("middle", StringComparison.Ordinal))
        {
            return IncomeSteps[1].Affordability;
        }

        foreach (var (words, affordability) in IncomeWords)
        {
            if (words.Any(word => band.Contains(word, StringComparison.Ordinal)))
            {
                return affordability;
            }
        }

        return ThousandsIn(band) is { } thousands
            ? IncomeSteps.FirstOrDefault(step => thousands < step.Thousands, (0, TopAffordability)).Item2
            : Neutral;
    }

    private static readonly (string[] Words, double Affordability)[] IncomeWords =
    [
        (["very low", "poverty", "minimum wage", "below average", "niski", "low"], IncomeSteps[0].Affordability),
        (["very high", "affluent", "wealthy", "rich", "top", "wysoki", "high"], TopAffordability),
        (["middle", "medium", "average", "moderate", "średni"], IncomeSteps[2].Affordability),
    ];

    /// <summary>The band's midpoint in thousands: "30-60k" is 45, "100k+" is 100, "<25k" is 12.5.</summary>
    private static double? ThousandsIn(string band)
    {
        var amounts = Amount().Matches(band)
            .Select(m => double.Parse(m.Groups["number"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)
                * (m.Groups["k"].Success ? 1 : 0.001))
            .ToList();
        if (amounts.Count == 0)
        {
            return null;
        }

        if (band.Contains('k', StringComparison.Ordinal) && amounts.Any(a => a < 1))
        {
            // "30-60k": the suffix on the last number applies to the first as well.
            amounts = amounts.Select(a => a < 1 ? a * 1000 : a).ToList();
        }

        var midpoint = amounts.Average();
        return band.TrimStart().StartsWith('<') ? midpoint / 2 : midpoint;
    }

    [GeneratedRegex(@"(?<number>\d[\d,]*(?:\.\d+)?)\s*(?<k>k)?")]
    private static partial Regex Amount();
}

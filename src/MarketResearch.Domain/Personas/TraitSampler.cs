namespace MarketResearch.Domain.Personas;

/// <summary>
/// Draws a persona's traits: truncated normals around the locale's baseline plus any skew, except where
/// the archetype demands a tail (extreme-trait personas on every Big Five trait, contrarians on agreeableness).
/// Hofstede dimensions are cultural, so adversarial archetypes leave them at the locale's centre.
/// </summary>
public static class TraitSampler
{
    /// <summary>Wide enough that a panel of 20 spans most of the scale, narrow enough that the locale still shows.</summary>
    public const double StandardDeviation = 0.15;

    /// <summary>The lowest and highest fifth of the scale count as a trait's tails.</summary>
    public const double TailWidth = 0.2;

    /// <summary>Tail draws cluster near the middle of the tail rather than piling up at 0 or 1.</summary>
    public const double TailStandardDeviation = 0.05;

    /// <summary>Scores are stored with three decimals; rounding here keeps a blueprint identical to what is saved.</summary>
    public const int Decimals = 3;

    /// <summary>An extreme trait is as likely to be very low as very high.</summary>
    private const double LowTailOdds = 0.5;

    public static PersonaTraits Sample(string locale, TraitSkews skews, PersonaArchetype archetype, SeededRandom random)
    {
        var scores = new Dictionary<PersonaTrait, double>();
        foreach (var trait in PersonaTraitNames.All)
        {
            var score = TailFor(trait, archetype, random) switch
            {
                Tail.Low => TruncatedNormal.Sample(random, TailWidth / 2, TailStandardDeviation, 0, TailWidth),
                Tail.High => TruncatedNormal.Sample(random, 1 - (TailWidth / 2), TailStandardDeviation, 1 - TailWidth, 1),
                _ => TruncatedNormal.Sample(random, TraitBaselines.Mean(trait, locale) + skews[trait], StandardDeviation, 0, 1),
            };
            scores[trait] = Math.Round(score, Decimals);
        }

        return new PersonaTraits(scores);
    }

    private static Tail TailFor(PersonaTrait trait, PersonaArchetype archetype, SeededRandom random) => archetype switch
    {
        PersonaArchetype.ExtremeTrait when PersonaTraitNames.BigFive.Contains(trait) => random.NextDouble() < LowTailOdds ? Tail.Low : Tail.High,
        PersonaArchetype.Contrarian when trait == PersonaTrait.Agreeableness => Tail.Low,
        _ => Tail.None,
    };

    private enum Tail
    {
        None,
        Low,
        High,
    }
}

namespace MarketResearch.Domain.Personas;

/// <summary>Draws from a normal distribution restricted to an interval, by rejection.</summary>
public static class TruncatedNormal
{
    /// <summary>The centre is kept inside the interval, so each draw is accepted with odds of about one half or better.</summary>
    private const int MaxAttempts = 1000;

    public static double Sample(SeededRandom random, double mean, double standardDeviation, double lowest, double highest)
    {
        var centre = Math.Clamp(mean, lowest, highest);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var draw = centre + (standardDeviation * random.NextGaussian());
            if (draw >= lowest && draw <= highest)
            {
                return draw;
            }
        }

        return centre;
    }
}

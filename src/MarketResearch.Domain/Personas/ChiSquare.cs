namespace MarketResearch.Domain.Personas;

/// <summary>
/// The chi-square distribution's upper tail through the regularized incomplete gamma function
/// (series below a + 1, Lentz's continued fraction above, as in Numerical Recipes §6.2).
/// </summary>
public static class ChiSquare
{
    private const int MaxIterations = 500;
    private const double Epsilon = 1e-15;

    /// <summary>Guards the continued fraction against division by zero.</summary>
    private const double Tiny = 1e-300;

    /// <summary>Lanczos approximation with g = 7 and nine coefficients, accurate to about 15 digits.</summary>
    private const double LanczosG = 7;

    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>P(X ≥ statistic) for a chi-square variable with the given degrees of freedom: the p-value.</summary>
    public static double UpperTail(double statistic, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(statistic);
        return degreesOfFreedom <= 0 ? 1.0 : RegularizedUpperGamma(degreesOfFreedom / 2.0, statistic / 2.0);
    }

    /// <summary>P(a, x) = γ(a, x) / Γ(a).</summary>
    public static double RegularizedLowerGamma(double a, double x) => 1.0 - RegularizedUpperGamma(a, x);

    /// <summary>Q(a, x) = Γ(a, x) / Γ(a), computed directly in each region so small tails keep their precision.</summary>
    public static double RegularizedUpperGamma(double a, double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        if (x == 0)
        {
            return 1.0;
        }

        return x < a + 1 ? 1.0 - LowerSeries(a, x) : UpperContinuedFraction(a, x);
    }

    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (x < 0.5)
        {
            // Reflection formula: the Lanczos series is accurate only for x ≥ 1/2.
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            sum += LanczosCoefficients[i] / (x + i);
        }

        var t = x + LanczosG + 0.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    private static double LowerSeries(double a, double x)
    {
        var term = 1.0 / a;
        var sum = term;
        for (var n = 1; n < MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp((a * Math.Log(x)) - x - LogGamma(a));
    }

    private static double UpperContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp((a * Math.Log(x)) - x - LogGamma(a)) * h;
    }
}

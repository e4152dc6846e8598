using MarketResearch.Domain.Personas;

namespace MarketResearch.UnitTests.Personas;

public sealed class ChiSquareTests
{
    private const int Precision = 6;

    [Theory]
    [InlineData(3.841458820694124, 1, 0.05)]
    [InlineData(5.991464547107979, 2, 0.05)]
    [InlineData(6.634896601021214, 1, 0.01)]
    [InlineData(18.307038053275146, 10, 0.05)]
    [InlineData(2.705543454095404, 1, 0.10)]
    [InlineData(124.342112597983, 100, 0.05)]
    [InlineData(1.0, 3, 0.8012519569012008)]
    public void Upper_tails_match_published_critical_values(double statistic, int degreesOfFreedom, double pValue)
    {
        Assert.Equal(pValue, ChiSquare.UpperTail(statistic, degreesOfFreedom), Precision);
    }

    [Fact]
    public void The_textbook_rounded_critical_value_gives_about_five_percent()
    {
        Assert.Equal(0.05, ChiSquare.UpperTail(3.84, 1), 3);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(10.0)]
    [InlineData(40.0)]
    public void With_two_degrees_of_freedom_the_tail_is_an_exponential(double statistic)
    {
        Assert.Equal(Math.Exp(-statistic / 2), ChiSquare.UpperTail(statistic, 2), 12);
    }

    [Fact]
    public void Far_tails_keep_their_relative_precision()
    {
        // With one degree of freedom the tail is erfc(√(x/2)); 1 − P would round it to zero.
        var pValue = ChiSquare.UpperTail(100, 1);

        Assert.Equal(1.5239706048320995e-23, pValue, 1e-32);
    }

    [Fact]
    public void A_zero_statistic_or_no_degrees_of_freedom_has_p_value_one()
    {
        Assert.Equal(1.0, ChiSquare.UpperTail(0, 4));
        Assert.Equal(1.0, ChiSquare.UpperTail(7.5, 0));
    }

    [Fact]
    public void Lower_and_upper_regularized_gammas_sum_to_one_on_both_sides_of_the_switch()
    {
        foreach (var (a, x) in new[] { (0.5, 0.2), (3.0, 2.0), (3.0, 5.0), (50.0, 60.0), (7.5, 0.01) })
        {
            Assert.Equal(1.0, ChiSquare.RegularizedLowerGamma(a, x) + ChiSquare.RegularizedUpperGamma(a, x), 12);
        }
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(5.0, 3.1780538303479458)]
    [InlineData(10.0, 12.801827480081469)]
    [InlineData(0.5, 0.5723649429247001)]
    [InlineData(0.1, 2.252712651734206)]
    public void Log_gamma_matches_known_values(double x, double expected)
    {
        Assert.Equal(expected, ChiSquare.LogGamma(x), 10);
    }
}

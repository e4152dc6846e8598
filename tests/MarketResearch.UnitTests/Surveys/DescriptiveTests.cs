using MarketResearch.Domain.Surveys;

namespace MarketResearch.UnitTests.Surveys;

public sealed class DescriptiveTests
{
    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        Assert.Equal(3, Descriptive.Median([5, 1, 3]));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        Assert.Equal(3.5, Descriptive.Median([5, 1, 4, 3]));
        Assert.Equal(2.5, Descriptive.Median([2, 3]));
    }

    [Fact]
    public void The_standard_deviation_is_the_sample_one()
    {
        // Mean 5, squared deviations sum 32, n - 1 = 7.
        Assert.Equal(Math.Sqrt(32.0 / 7), Descriptive.StandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])!.Value, 12);
        Assert.Equal(0, Descriptive.StandardDeviation([3, 3, 3]));
    }

    [Fact]
    public void Statistics_of_too_few_values_are_undefined_not_zero()
    {
        Assert.Null(Descriptive.Mean([]));
        Assert.Null(Descriptive.Median([]));
        Assert.Null(Descriptive.StandardDeviation([4]));
        Assert.Equal(4, Descriptive.Mean([3, 5]));
    }
}

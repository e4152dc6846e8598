using MarketResearch.Domain.Personas;

namespace MarketResearch.UnitTests.Personas;

public sealed class QuotaAllocatorTests
{
    private const int Trials = 2000;

    [Fact]
    public void Counts_sum_to_the_panel_and_stay_within_one_of_share_times_n_for_random_audiences()
    {
        var random = SeededRandom.For(1, "quota-property");
        for (var trial = 0; trial < Trials; trial++)
        {
            var shares = TestAudiences.RandomShares(random);
            var count = 1 + random.NextInt(PanelPlanner.MaxCount);

            var quotas = QuotaAllocator.Allocate(shares, count);

            Assert.Equal(count, quotas.Values.Sum());
            var total = shares.Values.Sum();
            foreach (var (value, quota) in quotas)
            {
                Assert.True(Math.Abs(quota - (shares[value] / total * count)) < 1, $"{value}: {quota} vs {shares[value] * count} of {count}");
            }
        }
    }

    [Fact]
    public void Largest_remainders_get_the_leftover_seats()
    {
        // 0.45×7 = 3.15, 0.35×7 = 2.45, 0.2×7 = 1.4: floors give 6; the seat left goes to 2.45, the largest remainder.
        var counts = QuotaAllocator.Allocate([0.45, 0.35, 0.2], 7);

        Assert.Equal([3, 3, 1], counts);
    }

    [Fact]
    public void Equal_remainders_go_to_the_earlier_weight()
    {
        Assert.Equal([1, 1, 0], QuotaAllocator.Allocate([1.0 / 3, 1.0 / 3, 1.0 / 3], 2));
    }

    [Fact]
    public void Decimal_shares_that_are_exact_do_not_lose_a_seat_to_binary_rounding()
    {
        // 0.7 × 10 is 7.000000000000001 and 0.1 × 30 is 3.0000000000000004 in binary; both are whole.
        Assert.Equal([7, 3], QuotaAllocator.Allocate([0.7, 0.3], 10));
        Assert.Equal([3, 9, 18], QuotaAllocator.Allocate([0.1, 0.3, 0.6], 30));
    }

    [Fact]
    public void A_zero_weight_gets_no_seat()
    {
        Assert.Equal([0, 5], QuotaAllocator.Allocate([0, 1], 5));
    }

    [Fact]
    public void Weights_that_do_not_sum_to_one_are_normalised()
    {
        Assert.Equal([2, 2], QuotaAllocator.Allocate([0.495, 0.5], 4));
    }

    [Fact]
    public void Audience_values_are_allocated_the_same_whatever_their_order()
    {
        var forwards = new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.25, ["c"] = 0.25 };
        var backwards = new Dictionary<string, double> { ["c"] = 0.25, ["b"] = 0.25, ["a"] = 0.5 };

        var first = QuotaAllocator.Allocate(forwards, 3);
        var second = QuotaAllocator.Allocate(backwards, 3);

        Assert.Equal(first.OrderBy(cell => cell.Key), second.OrderBy(cell => cell.Key));
        Assert.Equal(1, first["b"]);
    }

    [Fact]
    public void Weights_without_a_positive_sum_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => QuotaAllocator.Allocate([0.0, 0.0], 3));
        Assert.Throws<ArgumentException>(() => QuotaAllocator.Allocate([double.NaN, 1], 3));
        Assert.Throws<ArgumentException>(() => QuotaAllocator.Allocate([], 3));
    }
}

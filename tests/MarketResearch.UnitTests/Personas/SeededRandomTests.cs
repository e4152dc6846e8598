using MarketResearch.Domain.Personas;

namespace MarketResearch.UnitTests.Personas;

public sealed class SeededRandomTests
{
    private const int Draws = 20_000;

    [Fact]
    public void A_stream_replays_from_its_seed_purpose_and_index()
    {
        var first = Take(SeededRandom.For(40, "names", 3));

        Assert.Equal(first, Take(SeededRandom.For(40, "names", 3)));
        Assert.NotEqual(first, Take(SeededRandom.For(41, "names", 3)));
        Assert.NotEqual(first, Take(SeededRandom.For(40, "traits", 3)));
        Assert.NotEqual(first, Take(SeededRandom.For(40, "names", 4)));
    }

    [Fact]
    public void The_sequence_is_pinned_so_saved_seeds_replay_after_upgrades()
    {
        // Regenerate only on a deliberate algorithm change: it breaks every stored seed.
        Assert.Equal(PinnedDraws, Take(SeededRandom.For(42, "pin")));
    }

    [Fact]
    public void Integers_cover_the_range_evenly()
    {
        var random = SeededRandom.For(43, "uniform");
        var buckets = new int[10];
        for (var draw = 0; draw < Draws; draw++)
        {
            buckets[random.NextInt(buckets.Length)]++;
        }

        Assert.All(buckets, bucket => Assert.InRange(bucket, 1800, 2200));
    }

    [Fact]
    public void Gaussian_draws_have_mean_zero_and_unit_variance()
    {
        var random = SeededRandom.For(44, "gaussian");
        var draws = Enumerable.Range(0, Draws).Select(_ => random.NextGaussian()).ToArray();

        Assert.InRange(draws.Average(), -0.03, 0.03);
        Assert.InRange(draws.Average(draw => draw * draw), 0.96, 1.04);
    }

    [Fact]
    public void A_shuffle_is_a_permutation()
    {
        var items = Enumerable.Range(0, 100).ToArray();

        SeededRandom.For(45, "shuffle").Shuffle(items);

        Assert.Equal(Enumerable.Range(0, 100), items.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), items);
    }

    private static readonly int[] PinnedDraws = [643411, 227712, 230914, 335615, 247093];

    private static int[] Take(SeededRandom random) => Enumerable.Range(0, 5).Select(_ => random.NextInt(1_000_000)).ToArray();
}

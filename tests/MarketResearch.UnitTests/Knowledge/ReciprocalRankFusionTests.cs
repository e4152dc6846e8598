using MarketResearch.Knowledge.Search;

namespace MarketResearch.UnitTests.Knowledge;

public sealed class ReciprocalRankFusionTests
{
    private const int K = 60;

    [Fact]
    public void Scores_are_the_sum_of_reciprocal_ranks()
    {
        var fused = ReciprocalRankFusion.Fuse<string>([["a", "b", "c"], ["c", "a"]], K, top: 10);

        Assert.Equal(["a", "c", "b"], fused.Select(result => result.Key));
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal((1.0 / 63) + (1.0 / 61), fused[1].Score, 12);
        Assert.Equal(1.0 / 62, fused[2].Score, 12);
        Assert.Equal([1, 2], fused[0].Ranks);
        Assert.Equal([2, null], fused[2].Ranks);
    }

    [Fact]
    public void Found_by_both_methods_beats_first_place_in_one()
    {
        var fused = ReciprocalRankFusion.Fuse<string>([["keyword-only", "both"], ["vector-only", "both"]], K, top: 3);

        Assert.Equal("both", fused[0].Key);
    }

    [Fact]
    public void Ties_break_by_best_rank_then_key_and_top_limits()
    {
        var fused = ReciprocalRankFusion.Fuse<string>([["x", "y"], ["z", "w"]], K, top: 3);

        Assert.Equal(["x", "z", "w"], fused.Select(result => result.Key));
    }

    [Fact]
    public void Duplicates_count_once_and_empty_inputs_give_nothing()
    {
        Assert.Single(ReciprocalRankFusion.Fuse<string>([["a", "a"]], K, 5));
        Assert.Empty(ReciprocalRankFusion.Fuse<string>([[], []], K, 5));
    }
}

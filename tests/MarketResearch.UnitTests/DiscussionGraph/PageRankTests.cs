using MarketResearch.Domain.DiscussionGraph;

namespace MarketResearch.UnitTests.DiscussionGraph;

public sealed class PageRankTests
{
    [Fact]
    public void A_node_everyone_points_to_ranks_first_and_scores_sum_to_one()
    {
        var scores = PageRank.Compute(4, [(1, 0, 1), (2, 0, 1), (3, 0, 1), (0, 1, 1)]);

        Assert.Equal(1.0, scores.Sum(), 9);
        Assert.Equal(0, Array.IndexOf(scores, scores.Max()));
        Assert.True(scores[1] > scores[2]);
        Assert.Equal(scores[2], scores[3], 12);
    }

    [Fact]
    public void Without_edges_every_node_ranks_equally()
    {
        Assert.All(PageRank.Compute(5, []), score => Assert.Equal(0.2, score, 12));
        Assert.Empty(PageRank.Compute(0, []));
    }

    [Fact]
    public void A_two_cycle_matches_the_closed_form()
    {
        // Symmetric pair plus a dangling third node: by symmetry the pair is equal and the total is 1.
        var scores = PageRank.Compute(3, [(0, 1, 1), (1, 0, 1)]);

        Assert.Equal(scores[0], scores[1], 12);
        // r2 = (1 - d)/3 + d * r2 / 3  →  r2 = (1 - d) / (3 - d)
        Assert.Equal((1 - PageRank.Damping) / (3 - PageRank.Damping), scores[2], 9);
    }
}

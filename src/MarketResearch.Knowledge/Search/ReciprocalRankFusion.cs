namespace MarketResearch.Knowledge.Search;

/// <summary>One fused result: its score Σ 1/(k + rank) and its 1-based rank in each input list (null if absent).</summary>
public sealed record FusedResult<TKey>(TKey Key, double Score, IReadOnlyList<int?> Ranks);

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher 2009): ranks, not raw scores, are combined, so keyword and
/// vector scores on different scales need no calibration. Pure.
/// </summary>
public static class ReciprocalRankFusion
{
    public static IReadOnlyList<FusedResult<TKey>> Fuse<TKey>(IReadOnlyList<IReadOnlyList<TKey>> rankings, int k, int top)
        where TKey : notnull, IComparable<TKey>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var ranks = new Dictionary<TKey, int?[]>();
        for (var list = 0; list < rankings.Count; list++)
        {
            for (var position = 0; position < rankings[list].Count; position++)
            {
                var key = rankings[list][position];
                if (!ranks.TryGetValue(key, out var perList))
                {
                    ranks[key] = perList = new int?[rankings.Count];
                }

                // A key listed twice in one ranking counts at its best position only.
                perList[list] ??= position + 1;
            }
        }

        return ranks
            .Select(pair => new FusedResult<TKey>(pair.Key, pair.Value.Sum(rank => rank is { } r ? 1.0 / (k + r) : 0), pair.Value))
            .OrderByDescending(result => result.Score)
            .ThenBy(result => result.Ranks.Min(rank => rank ?? int.MaxValue))
            .ThenBy(result => result.Key)
            .Take(top)
            .ToList();
    }
}

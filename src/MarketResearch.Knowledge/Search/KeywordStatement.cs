using Npgsql;

namespace MarketResearch.Knowledge.Search;

/// <summary>
/// The keyword half of a search as one statement: the chunks holding every query word first, then (only when they
/// are fewer than wanted) chunks holding any of them, each set capped at the ranked-matches bound before ts_rank runs.
/// </summary>
/// <remarks>
/// Why it is shaped so (EXPLAIN figures in BENCHMARKS.md, branch search4): the English and simple forms are one tsquery
/// (<c>||</c>), one GIN scan instead of a BitmapOr of two; the tsqueries are inline, so the planner estimates them from
/// the column's lexeme statistics; the OR branch sits behind a one-time filter, so it costs nothing when the AND set
/// suffices and no second round trip when it does not; ts_rank (term frequency) ranks instead of ts_rank_cd (cover
/// density), which cost ≈ 10 µs per matched tsvector here against ≈ 1.5 µs.
/// </remarks>
public static class KeywordStatement
{
    /// <summary>
    /// Run before <see cref="Sql"/> in its transaction: the planner prices @@ on a row as cheap, so when a word is in a
    /// quarter of the chunks it prefers a sequential scan stopped at the LIMIT, which evaluates @@ on every row it reads
    /// (12,000 buffers, ≈ 70 ms for three-word queries here) where the GIN bitmap reads ≈ 2,500 (≈ 22 ms).
    /// </summary>
    public const string PlannerSettings = "SET LOCAL enable_seqscan = off";

    public const string Sql = """
        WITH every_word AS MATERIALIZED (
            SELECT c.id, c.search_vector, c.locale
            FROM knowledge_chunks c
            WHERE c.project_id = @project
              AND c.search_vector @@ (to_tsquery('english'::regconfig, @all) || to_tsquery('simple'::regconfig, @all))
            LIMIT @ranked),
        candidates AS (
            SELECT e.id, 1 AS tier, e.search_vector, e.locale FROM every_word e
            UNION ALL
            SELECT a.id, 0 AS tier, a.search_vector, a.locale
            FROM (SELECT c.id, c.search_vector, c.locale
                  FROM knowledge_chunks c
                  WHERE c.project_id = @project
                    AND c.search_vector @@ (to_tsquery('english'::regconfig, @any) || to_tsquery('simple'::regconfig, @any))
                    AND NOT c.search_vector @@ (to_tsquery('english'::regconfig, @all) || to_tsquery('simple'::regconfig, @all))
                  LIMIT @ranked) a
            WHERE (SELECT count(*) FROM every_word) < @wanted)
        SELECT r.id AS "Value"
        FROM candidates r
        ORDER BY r.tier DESC,
                 ts_rank(r.search_vector, CASE r.locale WHEN 'en' THEN to_tsquery('english'::regconfig, @any) ELSE to_tsquery('simple'::regconfig, @any) END) DESC,
                 r.id
        LIMIT @wanted
        """;

    /// <summary>The statement's parameters: AND and OR forms from <see cref="KeywordQuery"/>, bounds from the options.</summary>
    public static NpgsqlParameter[] Parameters(Guid projectId, string all, string any, int rankedMatches, int wanted) =>
    [
        new("project", projectId),
        new("all", all),
        new("any", any),
        new("ranked", rankedMatches),
        new("wanted", wanted),
    ];
}

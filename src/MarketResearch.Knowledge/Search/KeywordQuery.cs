using System.Text;

namespace MarketResearch.Knowledge.Search;

/// <summary>
/// A free-text query as a to_tsquery of its distinct words, AND (every word, tried first: a small, precise match set)
/// or OR (any word, the fallback: natural questions rarely have every word in one passage, and ts_rank still ranks
/// passages with more of them higher). Only letters and digits survive, so nothing needs quoting.
/// </summary>
public static class KeywordQuery
{
    public static string? ToTsQuery(string query, int maxTerms, bool requireAll = false)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var character in query + " ")
        {
            if (char.IsLetterOrDigit(character))
            {
                word.Append(char.ToLowerInvariant(character));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        var terms = words.Distinct(StringComparer.Ordinal).Take(maxTerms).ToList();
        return terms.Count == 0 ? null : string.Join(requireAll ? " & " : " | ", terms);
    }
}

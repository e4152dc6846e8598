namespace MarketResearch.Domain.Knowledge;

/// <summary>
/// The Postgres text-search configuration per project locale: English stems; Postgres ships no Polish dictionary,
/// so Polish (and anything else) is matched word for word by 'simple'.
/// </summary>
public static class TextSearchConfig
{
    public static string For(string locale) => locale == "en" ? "english" : "simple";

    /// <summary>The same choice as SQL, for the generated tsvector column and queries.</summary>
    public const string SqlCase = "CASE locale WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END";
}

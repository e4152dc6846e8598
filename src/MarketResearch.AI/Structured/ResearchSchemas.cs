using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketResearch.AI.Structured;

/// <summary>
/// The JSON shapes the product asks models for. Every property is required and no others are allowed,
/// which is what providers' strict structured-output modes expect.
/// </summary>
public static class ResearchSchemas
{
    private const int MinProfileItems = 3;
    private const int MaxProfileItems = 6;
    private const int MinPains = 2;
    private const int MinInsights = 3;
    private const int MinRecommendations = 2;
    private const int MaxListItems = 8;

    public static JsonElement PersonaProfile { get; } = Schema(Object(
        ("headline", Text()),
        ("backgroundStory", Text()),
        ("values", TextList(MinProfileItems, MaxProfileItems)),
        ("interests", TextList(MinProfileItems, MaxProfileItems)),
        ("needsAndPains", TextList(MinPains, MaxProfileItems)),
        ("communicationStyle", Text()),
        ("decisionStyle", Text())));

    public static JsonElement FocusGroupAnswer { get; } = Schema(Object(
        ("answer", Text()),
        ("sentiment", Number(-1, 1)),
        ("agreesWith", TextList(0, MaxListItems)),
        ("disagreesWith", TextList(0, MaxListItems))));

    /// <summary>The moderator's probe after a round of answers.</summary>
    public static JsonElement ModeratorFollowUp { get; } = Schema(Object(("followUpQuestion", Text())));

    public static JsonElement FocusGroupInsights { get; } = Schema(Object(
        ("executiveSummary", Text()),
        ("keyInsights", TextList(MinInsights, MaxListItems)),
        ("themes", new JsonObject
        {
            ["type"] = "array",
            ["minItems"] = MinInsights,
            ["maxItems"] = MaxListItems,
            ["items"] = Object(("name", Text()), ("description", Text()), ("sentiment", Number(-1, 1))),
        }),
        ("surprisingFindings", TextList(1, MaxListItems)),
        ("recommendations", TextList(MinRecommendations, MaxListItems))));

    public static JsonElement SingleChoice(IReadOnlyList<string> options) =>
        Schema(Object(("choice", new JsonObject { ["type"] = "string", ["enum"] = Strings(options) })));

    public static JsonElement MultipleChoice(IReadOnlyList<string> options, int minChoices, int maxChoices) =>
        Schema(Object(("choices", new JsonObject
        {
            ["type"] = "array",
            ["items"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(options) },
            ["minItems"] = minChoices,
            ["maxItems"] = maxChoices,
            ["uniqueItems"] = true,
        })));

    public static JsonElement RatingScale(int minimum, int maximum) =>
        Schema(Object(("rating", new JsonObject { ["type"] = "integer", ["minimum"] = minimum, ["maximum"] = maximum })));

    public static JsonElement OpenText { get; } = Schema(Object(("text", Text())));

    /// <summary>Concepts, emotions and sentiment for each of <paramref name="count"/> numbered answers, in order.</summary>
    public static JsonElement DiscussionAnalysis(int count, IEnumerable<string> emotions) => Schema(Object(("items", new JsonObject
    {
        ["type"] = "array",
        ["minItems"] = count,
        ["maxItems"] = count,
        ["items"] = Object(
            ("concepts", TextList(0, MaxListItems)),
            ("emotions", new JsonObject
            {
                ["type"] = "array",
                ["maxItems"] = 3,
                ["items"] = Object(("emotion", new JsonObject { ["type"] = "string", ["enum"] = Strings(emotions) }), ("intensity", Number(0, 1))),
            }),
            ("sentiment", Number(-1, 1))),
    })));

    private static JsonObject Object(params (string Name, JsonNode Schema)[] properties) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema))),
        ["required"] = new JsonArray(properties.Select(p => (JsonNode?)JsonValue.Create(p.Name)).ToArray()),
        ["additionalProperties"] = false,
    };

    private static JsonObject Text() => new() { ["type"] = "string", ["minLength"] = 1 };

    private static JsonObject Number(double minimum, double maximum) =>
        new() { ["type"] = "number", ["minimum"] = minimum, ["maximum"] = maximum };

    private static JsonObject TextList(int minItems, int maxItems) =>
        new() { ["type"] = "array", ["items"] = Text(), ["minItems"] = minItems, ["maxItems"] = maxItems };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonElement Schema(JsonObject schema) => JsonSerializer.SerializeToElement(schema);
}

using System.Text.Json;
using MarketResearch.AI.Structured;
using MarketResearch.AI.Tests.Support;
using Microsoft.Extensions.AI;

namespace MarketResearch.AI.Tests.Offline;

public sealed class OfflineSchemaTests
{
    public static TheoryData<string> ProductSchemas => ["profile", "answer", "insights", "single", "multiple", "rating", "open"];

    [Theory]
    [MemberData(nameof(ProductSchemas))]
    public async Task Every_product_shape_comes_back_valid_for_its_schema(string shape)
    {
        var schema = SchemaFor(shape);
        foreach (var persona in Personas.Panel(15).Append(null))
        {
            foreach (var seed in new long[] { 1, 2 })
            {
                var json = await OfflineCalls.JsonAsync(persona, Prompts.WithEarlierAnswers(Prompts.All[(int)seed * 7]), schema, seed);
                Assert.Empty(JsonSchemaValidator.Validate(json, schema));
            }
        }
    }

    [Fact]
    public async Task A_persona_profile_is_written_from_the_persona()
    {
        var persona = Personas.LowIncome with { Occupation = "Nurse", Location = "rural Podlasie", Age = 34 };
        var profile = await OfflineCalls.JsonAsync(persona, "Write this persona's profile.", ResearchSchemas.PersonaProfile);

        Assert.Contains("34-year-old nurse", profile.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Contains("rural Podlasie", profile.GetProperty("backgroundStory").GetString(), StringComparison.Ordinal);
        var pains = string.Join(' ', profile.GetProperty("needsAndPains").EnumerateArray().Select(p => p.GetString()));
        Assert.True(new[] { "budget", "prices", "bills" }.Any(word => pains.Contains(word, StringComparison.Ordinal)), pains);
        var values = profile.GetProperty("values").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Fact]
    public async Task A_grounded_profile_cites_the_passages_it_was_given()
    {
        const string Prompt = "Sources:\n[1] Rural households drive 40 km to a pharmacy.\n[2] Most compare prices online.\nWrite the persona's profile.";
        var profile = await OfflineCalls.JsonAsync(Personas.Typical, Prompt, ResearchSchemas.PersonaProfile);

        Assert.Contains("[1]", profile.GetProperty("backgroundStory").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insights_are_drawn_from_the_transcript()
    {
        const string Transcript = """
            Transcript:
            Anna: Delivery was late twice, delivery matters most to me.
            Piotr: I love the packaging but delivery fees are annoying.
            Ewa: Delivery times are bad where I live, and the packaging is wasteful.
            Summarise the discussion.
            """;
        var insights = await OfflineCalls.JsonAsync(null, Transcript, ResearchSchemas.FocusGroupInsights);

        Assert.Contains("delivery", insights.GetProperty("executiveSummary").GetString(), StringComparison.Ordinal);
        Assert.Contains("3 participants", insights.GetProperty("executiveSummary").GetString(), StringComparison.Ordinal);
        Assert.Equal("Delivery", insights.GetProperty("themes")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Schemas_generated_from_our_own_types_are_honoured_and_deserialize()
    {
        var format = ChatResponseFormat.ForJsonSchema<ConceptTest>(schemaName: "concept_test");
        var schema = format.Schema!.Value;

        foreach (var persona in Personas.Panel(10))
        {
            var response = await OfflineCalls.Client.GetResponseAsync(
                [new ChatMessage(ChatRole.User, Prompts.Novelty[0])],
                OfflineCalls.OptionsFor(persona, 9, schema));
            using var json = JsonDocument.Parse(response.Text);

            Assert.Empty(JsonSchemaValidator.Validate(json.RootElement, schema));
            var concept = json.RootElement.Deserialize<ConceptTest>(AIJsonUtilities.DefaultOptions)!;
            Assert.False(string.IsNullOrWhiteSpace(concept.Verdict));
            Assert.All(concept.Concerns, concern => Assert.False(string.IsNullOrWhiteSpace(concern.Description)));
        }
    }

    [Fact]
    public async Task References_and_alternatives_in_a_schema_are_followed()
    {
        using var schema = JsonDocument.Parse("""
            {
              "type": "object",
              "$defs": { "score": { "type": "integer", "minimum": 0, "maximum": 10 } },
              "properties": {
                "score": { "$ref": "#/$defs/score" },
                "comment": { "anyOf": [ { "type": "null" }, { "type": "string", "minLength": 40, "maxLength": 400 } ] },
                "tags": { "type": "array", "items": { "type": "string" }, "minItems": 2, "maxItems": 2, "uniqueItems": true },
                "kind": { "const": "review" },
                "wouldBuy": { "type": ["boolean", "null"] }
              },
              "required": ["score", "comment", "tags", "kind", "wouldBuy"],
              "additionalProperties": false
            }
            """);

        for (var seed = 0; seed < 20; seed++)
        {
            var json = await OfflineCalls.JsonAsync(Personas.Typical, "Review the product.", schema.RootElement, seed);
            Assert.Empty(JsonSchemaValidator.Validate(json, schema.RootElement));
        }
    }

    [Fact]
    public async Task Json_without_a_schema_is_still_an_object_with_an_answer()
    {
        var response = await OfflineCalls.Client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, Prompts.Price[0])],
            new ChatOptions { ResponseFormat = ChatResponseFormat.Json }.WithPersona(Personas.Typical));
        using var json = JsonDocument.Parse(response.Text);

        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("answer").GetString()));
        Assert.InRange(json.RootElement.GetProperty("sentiment").GetDouble(), -1, 1);
    }

    private static JsonElement SchemaFor(string shape) => shape switch
    {
        "profile" => ResearchSchemas.PersonaProfile,
        "answer" => ResearchSchemas.FocusGroupAnswer,
        "insights" => ResearchSchemas.FocusGroupInsights,
        "single" => ResearchSchemas.SingleChoice(["Yes", "No", "Not sure"]),
        "multiple" => ResearchSchemas.MultipleChoice(["Price", "Quality", "Brand", "Convenience", "Sustainability"], 1, 3),
        "rating" => ResearchSchemas.RatingScale(1, 7),
        _ => ResearchSchemas.OpenText,
    };

    public enum Verdict
    {
        Adopt,
        Consider,
        Reject,
    }

    public sealed record Concern(string Description, double Severity);

    public sealed record ConceptTest(string Verdict, Verdict Decision, int Likelihood, IReadOnlyList<Concern> Concerns, string? Quote, bool WouldRecommend);
}

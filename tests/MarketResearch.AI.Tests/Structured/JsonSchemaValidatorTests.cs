using System.Text.Json;
using MarketResearch.AI.Structured;

namespace MarketResearch.AI.Tests.Structured;

public sealed class JsonSchemaValidatorTests
{
    private const string Schema = """
        {
          "type": "object",
          "$defs": { "name": { "type": "string", "minLength": 2, "maxLength": 10 } },
          "properties": {
            "answer": { "type": "string" },
            "sentiment": { "type": "number", "minimum": -1, "maximum": 1 },
            "rating": { "type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 6 },
            "choice": { "type": "string", "enum": ["yes", "no"] },
            "agreesWith": { "type": "array", "items": { "$ref": "#/$defs/name" }, "minItems": 1, "maxItems": 2, "uniqueItems": true },
            "note": { "type": ["string", "null"] },
            "extra": { "anyOf": [ { "type": "integer" }, { "type": "boolean" } ] }
          },
          "required": ["answer", "sentiment"],
          "additionalProperties": false
        }
        """;

    [Fact]
    public void A_conforming_document_has_no_errors()
    {
        const string Valid = """{"answer":"ok","sentiment":0.5,"rating":3,"choice":"yes","agreesWith":["Anna"],"note":null,"extra":true}""";

        Assert.Empty(Validate(Valid));
    }

    [Theory]
    [InlineData("""{"sentiment":0}""", "$: required property 'answer' is missing")]
    [InlineData("""{"answer":1,"sentiment":0}""", "$.answer: expected string, got number")]
    [InlineData("""{"answer":"a","sentiment":1.5}""", "$.sentiment: 1.5 is above the maximum 1")]
    [InlineData("""{"answer":"a","sentiment":-2}""", "$.sentiment: -2 is below the minimum -1")]
    [InlineData("""{"answer":"a","sentiment":0,"rating":2.5}""", "$.rating: expected integer, got number")]
    [InlineData("""{"answer":"a","sentiment":0,"rating":6}""", "$.rating: 6 must be less than 6")]
    [InlineData("""{"answer":"a","sentiment":0,"rating":0}""", "$.rating: 0 must be greater than 0")]
    [InlineData("""{"answer":"a","sentiment":0,"choice":"maybe"}""", "$.choice: \"maybe\" is not one of")]
    [InlineData("""{"answer":"a","sentiment":0,"agreesWith":[]}""", "$.agreesWith: has 0 items, at least 1 required")]
    [InlineData("""{"answer":"a","sentiment":0,"agreesWith":["Ann","Bob","Cy"]}""", "$.agreesWith: has 3 items, at most 2 allowed")]
    [InlineData("""{"answer":"a","sentiment":0,"agreesWith":["Ann","Ann"]}""", "$.agreesWith: items must be unique")]
    [InlineData("""{"answer":"a","sentiment":0,"agreesWith":["A"]}""", "$.agreesWith[0]: is 1 characters, at least 2 required")]
    [InlineData("""{"answer":"a","sentiment":0,"agreesWith":["Bartholomew-Smith"]}""", "$.agreesWith[0]: is 17 characters, at most 10 allowed")]
    [InlineData("""{"answer":"a","sentiment":0,"note":5}""", "$.note: expected string or null, got number")]
    [InlineData("""{"answer":"a","sentiment":0,"extra":"x"}""", "$.extra: matches none of the allowed shapes (anyOf)")]
    [InlineData("""{"answer":"a","sentiment":0,"mood":"happy"}""", "$: property 'mood' is not allowed")]
    [InlineData("""["answer"]""", "$: expected object, got array")]
    public void Each_violation_is_reported_with_its_path(string document, string expected)
    {
        var errors = Validate(document);

        Assert.Contains(errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_violation_is_reported_not_just_the_first()
    {
        var errors = Validate("""{"answer":2,"sentiment":9,"choice":"maybe"}""");

        Assert.Equal(3, errors.Count);
    }

    private static IReadOnlyList<string> Validate(string document)
    {
        using var schema = JsonDocument.Parse(Schema);
        using var instance = JsonDocument.Parse(document);
        return JsonSchemaValidator.Validate(instance.RootElement, schema.RootElement);
    }
}

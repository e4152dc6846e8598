using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketResearch.AI.Offline;

/// <summary>
/// Walks a JSON schema and fills it: objects property by property, arrays to a length within their bounds,
/// enums by the persona's leaning, numbers in range and strings from the domain writer chosen by field name.
/// </summary>
internal sealed class SchemaAnswerWriter(OfflineScene scene)
{
    private const int MaxDepth = 12;
    private const int DefaultItemCount = 3;

    private readonly SchemaFieldWriter fields = new(scene);
    private readonly DeterministicRandom random = scene.Random.Fork("schema");
    private JsonElement root;

    public JsonNode? Write(JsonElement schema)
    {
        root = schema;
        return Value(schema, new FieldPath([]), depth: 0);
    }

    private JsonNode? Value(JsonElement schema, FieldPath path, int depth)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            var choices = options.EnumerateArray().ToList();
            return JsonNode.Parse(choices[fields.ChooseOption(choices, path)].GetRawText());
        }

        return TypeOf(schema) switch
        {
            "object" => Object(schema, path, depth),
            "array" => Array(schema, path, depth),
            "integer" => JsonValue.Create((long)Math.Round(fields.Number(schema, path, integer: true))),
            "number" => JsonValue.Create(fields.Number(schema, path, integer: false)),
            "boolean" => JsonValue.Create(fields.Boolean(path)),
            "null" => null,
            _ => JsonValue.Create(fields.Text(schema, path)),
        };
    }

    private JsonObject Object(JsonElement schema, FieldPath path, int depth)
    {
        var result = new JsonObject();
        if (!schema.TryGetProperty("properties", out var properties) || depth >= MaxDepth)
        {
            return result;
        }

        foreach (var property in properties.EnumerateObject())
        {
            result[property.Name] = Value(property.Value, path.Then(property.Name), depth + 1);
        }

        return result;
    }

    private JsonArray Array(JsonElement schema, FieldPath path, int depth)
    {
        var min = Bound(schema, "minItems") ?? 0;
        var max = Bound(schema, "maxItems") ?? int.MaxValue;
        var items = schema.TryGetProperty("items", out var itemSchema) ? Resolve(itemSchema) : default;
        var unique = schema.TryGetProperty("uniqueItems", out var flag) && flag.ValueKind == JsonValueKind.True;

        if (items.ValueKind == JsonValueKind.Object && items.TryGetProperty("enum", out var options))
        {
            var picked = fields.ChooseSeveral(options.EnumerateArray().ToList(), path, min, max);
            return new JsonArray(picked.Select(choice => JsonNode.Parse(choice.GetRawText())).ToArray());
        }

        if (fields.NamedList(path, min, max) is { } named)
        {
            return new JsonArray(named.Select(item => (JsonNode?)JsonValue.Create(item)).ToArray());
        }

        var count = Math.Clamp(DefaultItemCount + random.Between(-1, 1), min, max);
        var array = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; array.Count < count && index < count * 4; index++)
        {
            var item = items.ValueKind == JsonValueKind.Object ? Value(items, path.Item(index), depth + 1) : JsonValue.Create(fields.Text(default, path.Item(index)));
            if (!unique || seen.Add(item?.ToJsonString() ?? "null"))
            {
                array.Add(item);
            }
        }

        return array;
    }

    /// <summary>Follows local "$ref"s and takes the first non-null branch of anyOf/oneOf/allOf.</summary>
    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < MaxDepth && schema.ValueKind == JsonValueKind.Object; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } pointer && pointer.StartsWith('#'))
            {
                schema = Pointer(pointer);
                continue;
            }

            var branches = new[] { "anyOf", "oneOf", "allOf" }
                .Select(keyword => schema.TryGetProperty(keyword, out var list) ? list : default)
                .FirstOrDefault(list => list.ValueKind == JsonValueKind.Array);
            if (branches.ValueKind != JsonValueKind.Array)
            {
                break;
            }

            schema = branches.EnumerateArray().FirstOrDefault(branch => TypeOf(branch) != "null");
        }

        return schema;
    }

    private JsonElement Pointer(string pointer)
    {
        var node = root;
        foreach (var segment in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node.TryGetProperty(name, out var next) ? next : default;
        }

        return node;
    }

    internal static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "string";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            return type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null"
                : type.GetString() ?? "string";
        }

        return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : "string";
    }

    internal static int? Bound(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : null;
}

/// <summary>Where a value sits in the answer: property names from the root, with array positions.</summary>
internal sealed record FieldPath(IReadOnlyList<string> Names, int Index = 0)
{
    /// <summary>The nearest property name, lower-cased without separators ("needs_and_pains" → "needsandpains").</summary>
    public string Name => Names.Count == 0 ? string.Empty : Normalize(Names[^1]);

    /// <summary>The property that holds this one, for generic names such as "name" inside "themes".</summary>
    public string Parent => Names.Count < 2 ? string.Empty : Normalize(Names[^2]);

    public FieldPath Then(string name) => new([.. Names, name], Index);

    public FieldPath Item(int index) => this with { Index = index };

    private static string Normalize(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}

using System.Globalization;
using System.Text.Json;

namespace MarketResearch.AI.Structured;

/// <summary>
/// Validates JSON against the subset of JSON Schema our prompts use: type (incl. type lists and "integer"),
/// enum, const, object properties/required/additionalProperties, array items/minItems/maxItems/uniqueItems,
/// minimum/maximum (and exclusive), minLength/maxLength, local $ref and anyOf/oneOf/allOf.
/// Errors read "$.path: what is wrong", so they can be fed back to the model verbatim.
/// </summary>
public static class JsonSchemaValidator
{
    private const int MaxDepth = 64;

    public static IReadOnlyList<string> Validate(JsonElement instance, JsonElement schema)
    {
        var errors = new List<string>();
        new Walk(schema, errors).Check(instance, schema, "$", depth: 0);
        return errors;
    }

    private sealed class Walk(JsonElement root, List<string> errors)
    {
        public void Check(JsonElement value, JsonElement schema, string path, int depth)
        {
            if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
            {
                return;
            }

            if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } pointer)
            {
                Check(value, Resolve(pointer), path, depth + 1);
            }

            CheckBranches(value, schema, path, depth);
            if (!CheckType(value, schema, path))
            {
                return;
            }

            if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
            {
                errors.Add($"{path}: {Show(value)} is not one of {options.GetRawText()}");
            }

            if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
            {
                errors.Add($"{path}: must be {constant.GetRawText()}");
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    CheckObject(value, schema, path, depth);
                    break;
                case JsonValueKind.Array:
                    CheckArray(value, schema, path, depth);
                    break;
                case JsonValueKind.Number:
                    CheckNumber(value.GetDouble(), schema, path);
                    break;
                case JsonValueKind.String:
                    CheckLength(value.GetString()!.Length, schema, path);
                    break;
            }
        }

        private void CheckBranches(JsonElement value, JsonElement schema, string path, int depth)
        {
            if (schema.TryGetProperty("allOf", out var all))
            {
                foreach (var branch in all.EnumerateArray())
                {
                    Check(value, branch, path, depth + 1);
                }
            }

            foreach (var keyword in new[] { "anyOf", "oneOf" })
            {
                if (schema.TryGetProperty(keyword, out var branches)
                    && !branches.EnumerateArray().Any(branch => Validate(value, branch, path, depth)))
                {
                    errors.Add($"{path}: matches none of the allowed shapes ({keyword})");
                }
            }
        }

        private bool Validate(JsonElement value, JsonElement branch, string path, int depth)
        {
            var branchErrors = new List<string>();
            new Walk(root, branchErrors).Check(value, branch, path, depth + 1);
            return branchErrors.Count == 0;
        }

        private bool CheckType(JsonElement value, JsonElement schema, string path)
        {
            if (!schema.TryGetProperty("type", out var type))
            {
                return true;
            }

            var allowed = type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()).ToList()
                : [type.GetString()];
            if (allowed.Any(name => IsOfType(value, name)))
            {
                return true;
            }

            errors.Add($"{path}: expected {string.Join(" or ", allowed)}, got {KindOf(value)}");
            return false;
        }

        private void CheckObject(JsonElement value, JsonElement schema, string path, int depth)
        {
            var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        errors.Add($"{path}: required property '{name}' is missing");
                    }
                }
            }

            var additional = schema.TryGetProperty("additionalProperties", out var extra) ? extra : default;
            foreach (var property in value.EnumerateObject())
            {
                var propertyPath = $"{path}.{property.Name}";
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(property.Value, propertySchema, propertyPath, depth + 1);
                }
                else if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: property '{property.Name}' is not allowed");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(property.Value, additional, propertyPath, depth + 1);
                }
            }
        }

        private void CheckArray(JsonElement value, JsonElement schema, string path, int depth)
        {
            var count = value.GetArrayLength();
            if (Number(schema, "minItems") is { } min && count < min)
            {
                errors.Add($"{path}: has {count} items, at least {min} required");
            }

            if (Number(schema, "maxItems") is { } max && count > max)
            {
                errors.Add($"{path}: has {count} items, at most {max} allowed");
            }

            if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True
                && value.EnumerateArray().Select(item => item.GetRawText()).Distinct().Count() != count)
            {
                errors.Add($"{path}: items must be unique");
            }

            if (schema.TryGetProperty("items", out var items))
            {
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, $"{path}[{index++}]", depth + 1);
                }
            }
        }

        private void CheckNumber(double number, JsonElement schema, string path)
        {
            if (Number(schema, "minimum") is { } minimum && number < minimum)
            {
                errors.Add($"{path}: {Show(number)} is below the minimum {Show(minimum)}");
            }

            if (Number(schema, "maximum") is { } maximum && number > maximum)
            {
                errors.Add($"{path}: {Show(number)} is above the maximum {Show(maximum)}");
            }

            if (Number(schema, "exclusiveMinimum") is { } floor && number <= floor)
            {
                errors.Add($"{path}: {Show(number)} must be greater than {Show(floor)}");
            }

            if (Number(schema, "exclusiveMaximum") is { } ceiling && number >= ceiling)
            {
                errors.Add($"{path}: {Show(number)} must be less than {Show(ceiling)}");
            }
        }

        private void CheckLength(int length, JsonElement schema, string path)
        {
            if (Number(schema, "minLength") is { } min && length < min)
            {
                errors.Add($"{path}: is {length} characters, at least {min} required");
            }

            if (Number(schema, "maxLength") is { } max && length > max)
            {
                errors.Add($"{path}: is {length} characters, at most {max} allowed");
            }
        }

        private JsonElement Resolve(string pointer)
        {
            var node = root;
            foreach (var segment in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
                {
                    errors.Add($"schema: unresolvable reference {pointer}");
                    return default;
                }
            }

            return node;
        }
    }

    private static bool IsOfType(JsonElement value, string? type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.GetDouble() == Math.Floor(value.GetDouble()),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Undefined => "nothing",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static double? Number(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string Show(JsonElement value) => value.GetRawText();

    private static string Show(double number) => number.ToString(CultureInfo.InvariantCulture);
}

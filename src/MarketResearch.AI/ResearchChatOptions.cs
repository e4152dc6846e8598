using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MarketResearch.AI;

/// <summary>
/// The small contract by which callers tell the AI layer who speaks, how to seed it and what the call is for,
/// through <see cref="ChatOptions.AdditionalProperties"/> so every provider and middleware can read it.
/// </summary>
public static class ResearchChatOptions
{
    /// <summary>JSON of a <see cref="PersonaContext"/>.</summary>
    public const string PersonaKey = "persona";

    /// <summary>A long; the same seed, persona and prompt give the same offline answer.</summary>
    public const string SeedKey = "seed";

    /// <summary>What the call is for (e.g. "persona_profile"); the "operation" label of the LLM metrics.</summary>
    public const string OperationKey = "operation";

    public const string DefaultOperation = "chat";

    public static ChatOptions WithPersona(this ChatOptions options, PersonaContext persona) =>
        options.With(PersonaKey, persona.ToJson());

    public static ChatOptions WithSeed(this ChatOptions options, long seed) => options.With(SeedKey, seed);

    public static ChatOptions WithOperation(this ChatOptions options, string operation) =>
        options.With(OperationKey, operation);

    public static string GetOperation(this ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(OperationKey, out var value) == true
        && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } operation
            ? operation
            : DefaultOperation;

    public static long? GetSeed(this ChatOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(SeedKey, out var value) != true || value is null)
        {
            return null;
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Number } number => number.GetInt64(),
            JsonElement { ValueKind: JsonValueKind.String } text => long.Parse(text.GetString()!, CultureInfo.InvariantCulture),
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Accepts the persona as JSON text, a JSON element or the record itself.</summary>
    public static PersonaContext? GetPersona(this ChatOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(PersonaKey, out var value) != true)
        {
            return null;
        }

        return value switch
        {
            PersonaContext persona => persona,
            string json => PersonaContext.FromJson(json),
            JsonElement { ValueKind: JsonValueKind.String } json => PersonaContext.FromJson(json.GetString()!),
            JsonElement { ValueKind: JsonValueKind.Object } json => json.Deserialize<PersonaContext>(PersonaContext.Json),
            _ => null,
        };
    }

    private static ChatOptions With(this ChatOptions options, string key, object value)
    {
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[key] = value;
        return options;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketResearch.AI;

/// <summary>
/// Who is speaking in a request: the demographics and traits a model (or the offline simulator) answers as.
/// Carried as JSON in <c>ChatOptions.AdditionalProperties["persona"]</c>; see <see cref="ResearchChatOptions"/>.
/// </summary>
public sealed record PersonaContext
{
    public string? Name { get; init; }

    public int? Age { get; init; }

    public string? Gender { get; init; }

    /// <summary>The project's own income label, e.g. "low", "30-60k" or "100k+".</summary>
    public string? IncomeBand { get; init; }

    public string? Location { get; init; }

    public string? Occupation { get; init; }

    public string? Education { get; init; }

    public BigFiveTraits BigFive { get; init; } = BigFiveTraits.Average;

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PersonaContext FromJson(string json) =>
        JsonSerializer.Deserialize<PersonaContext>(json, Json)
        ?? throw new JsonException("The persona JSON was null.");
}

/// <summary>The Big Five personality traits, each from 0 (low) to 1 (high).</summary>
public sealed record BigFiveTraits(
    double Openness,
    double Conscientiousness,
    double Extraversion,
    double Agreeableness,
    double Neuroticism)
{
    private const double Middle = 0.5;

    public static BigFiveTraits Average { get; } = new(Middle, Middle, Middle, Middle, Middle);
}

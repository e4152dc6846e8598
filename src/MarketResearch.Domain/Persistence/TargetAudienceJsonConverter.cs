using System.Text.Json;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MarketResearch.Domain.Persistence;

/// <summary>Stores a target audience as one JSON document so operators can query it with SQL.</summary>
internal sealed class TargetAudienceJsonConverter() : ValueConverter<TargetAudience, string>(
    audience => JsonSerializer.Serialize(audience, SerializerOptions),
    json => Deserialize(json))
{
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private static TargetAudience Deserialize(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredAudience>(json, SerializerOptions);
        if (stored is null)
        {
            return TargetAudience.Empty;
        }

        var distributions = (stored.Distributions ?? []).ToDictionary(
            category => category.Key,
            category => (IReadOnlyDictionary<string, double>)category.Value,
            StringComparer.Ordinal);
        return new TargetAudience(distributions, stored.Description);
    }

    private sealed record StoredAudience(Dictionary<string, Dictionary<string, double>>? Distributions, string? Description);
}

internal sealed class TargetAudienceComparer() : ValueComparer<TargetAudience>(
    (left, right) => object.Equals(left, right),
    audience => audience.GetHashCode(),
    audience => audience);

using System.Text.Json;
using MarketResearch.Domain.Personas;

namespace MarketResearch.Web.Personas;

public sealed record PersonaDetails(
    Guid Id,
    Guid ProjectId,
    Guid JobId,
    string Name,
    string Locale,
    Dictionary<string, string> Demographics,
    Dictionary<string, double> Traits,
    string Archetype,
    JsonElement Profile,
    string GeneratedBy,
    DateTimeOffset CreatedAt,
    string? Headline = null)
{
    public const string OfflineGenerator = "offline";

    public bool GeneratedOffline => GeneratedBy == OfflineGenerator;

    /// <summary>List pages carry the headline alone (no profile); one persona's full read carries it in the profile.</summary>
    public string? HeadlineText => Headline ?? ProfileText("headline");

    public string? Demographic(string category) => Demographics.GetValueOrDefault(category);

    public string? ProfileText(string property) =>
        Profile.ValueKind == JsonValueKind.Object && Profile.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public IReadOnlyList<string> ProfileList(string property) =>
        Profile.ValueKind == JsonValueKind.Object && Profile.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToArray()
            : [];

    /// <summary>Sources the profile was grounded in, when the knowledge base was used; any shape the API gives is shown as text.</summary>
    public IReadOnlyList<Citation> Citations =>
        Profile.ValueKind == JsonValueKind.Object && Profile.TryGetProperty("citations", out var citations) && citations.ValueKind == JsonValueKind.Array
            ? citations.EnumerateArray().Select(Citation.From).ToArray()
            : [];

    public double Trait(PersonaTrait trait) => Traits.GetValueOrDefault(PersonaTraitNames.Name(trait));
}

/// <summary>One source passage behind a profile or a focus group's insights: "document, page 3" or "document, section".</summary>
public sealed record Citation(string Source, string? Passage)
{
    public static Citation From(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new Citation(item.ToString(), null);
        }

        var document = First(item, "documentName", "document", "title", "source", "documentId") ?? "Source";
        var where = First(item, "page") is { } page ? $", page {page}" : First(item, "section") is { } section ? $", {section}" : string.Empty;
        return new Citation(document + where, First(item, "passage", "text", "quote", "snippet"));
    }

    private static string? First(JsonElement item, params string[] properties) =>
        properties.Select(property => item.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}

using System.Text.Json;

namespace MarketResearch.Api.Exports;

/// <summary>Reads text out of a stored profile, tolerating profiles written by an older schema.</summary>
internal static class ProfileText
{
    public static string? Field(JsonDocument profile, string name) =>
        profile.RootElement.ValueKind == JsonValueKind.Object
        && profile.RootElement.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static IReadOnlyList<string> List(JsonDocument profile, string name) =>
        profile.RootElement.ValueKind == JsonValueKind.Object
        && profile.RootElement.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList()
            : [];
}

using System.Net;
using System.Text.Json;
using MarketResearch.Web.Api;

namespace MarketResearch.Web.AI;

/// <summary>
/// Whether the offline simulator answers instead of a language model, from GET /api/v1/ai/status. Null when the
/// API cannot say (an API without that endpoint): pages then rely on what the work itself reports (a job's
/// "offline" flag, a persona's generatedBy).
/// </summary>
public sealed class AiStatusClient(ApiClient api)
{
    private bool? _offline;
    private bool _asked;

    public async Task<bool?> IsOfflineAsync(CancellationToken cancellationToken)
    {
        if (_asked)
        {
            return _offline;
        }

        var status = await api.GetAsync<JsonElement>("/api/v1/ai/status", cancellationToken);
        _asked = status.Succeeded || status.Problem!.Status == HttpStatusCode.NotFound;
        _offline = status.Succeeded ? ReadOffline(status.Value) : null;
        return _offline;
    }

    /// <summary>Reads the flag from the shapes an AI status can take: {offline}, {isOffline}, or a chat provider named "Offline".</summary>
    public static bool? ReadOffline(JsonElement status)
    {
        if (status.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in status.EnumerateObject())
        {
            if (property.NameEquals("offline") || property.NameEquals("isOffline"))
            {
                return property.Value.ValueKind == JsonValueKind.True;
            }

            if ((property.NameEquals("chatProvider") || property.NameEquals("provider")) && property.Value.ValueKind == JsonValueKind.String)
            {
                return string.Equals(property.Value.GetString(), "Offline", StringComparison.OrdinalIgnoreCase);
            }
        }

        return null;
    }
}

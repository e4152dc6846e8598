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
    private Task<(bool? Offline, bool Known)>? _status;

    /// <summary>Asked once per circuit or request; callers that ask at the same time share the one call.</summary>
    public async Task<bool?> IsOfflineAsync(CancellationToken cancellationToken)
    {
        var asking = _status ??= AskAsync(cancellationToken);
        try
        {
            var (offline, known) = await asking;
            if (!known && ReferenceEquals(_status, asking))
            {
                // The API could not say this time (unreachable, say): ask again next time.
                _status = null;
            }

            return offline;
        }
        catch when (ReferenceEquals(_status, asking))
        {
            _status = null;
            throw;
        }
    }

    private async Task<(bool? Offline, bool Known)> AskAsync(CancellationToken cancellationToken)
    {
        var status = await api.GetAsync<JsonElement>("/api/v1/ai/status", cancellationToken);
        return (status.Succeeded ? ReadOffline(status.Value) : null, status.Succeeded || status.Problem!.Status == HttpStatusCode.NotFound);
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

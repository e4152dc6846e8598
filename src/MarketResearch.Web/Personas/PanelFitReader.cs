using System.Text.Json;
using MarketResearch.Domain.Personas;
using MarketResearch.Web.Jobs;

namespace MarketResearch.Web.Personas;

/// <summary>Reads the goodness of fit a persona generation job measured on its saved panel (its result's "fit").</summary>
public static class PanelFitReader
{
    public static PanelFitReport? From(JobDetails job)
    {
        if (job.Result is not { ValueKind: JsonValueKind.Object } result)
        {
            return null;
        }

        var fit = result.EnumerateObject().FirstOrDefault(property => string.Equals(property.Name, "fit", StringComparison.OrdinalIgnoreCase));
        return fit.Value.ValueKind == JsonValueKind.Object ? fit.Value.Deserialize<PanelFitReport>(JsonSerializerOptions.Web) : null;
    }
}

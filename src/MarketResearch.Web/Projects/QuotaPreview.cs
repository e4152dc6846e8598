using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.Web.Projects;

public sealed record QuotaCell(string Value, double Share, int Count);

/// <summary>One category of the preview; <see cref="Cells"/> is empty when its weights cannot be allocated yet.</summary>
public sealed record CategoryQuotas(string Category, bool IsDefault, IReadOnlyList<QuotaCell> Cells);

/// <summary>
/// The quota table a panel of N personas will be generated with: the same completion with locale defaults and the
/// same largest-remainder allocation (<see cref="QuotaAllocator"/>) that the worker's panel planner uses.
/// </summary>
public static class QuotaPreview
{
    public static IReadOnlyList<CategoryQuotas> For(TargetAudience audience, string locale, int panelSize)
    {
        var completed = AudienceDefaults.Complete(audience, Locales.All.Contains(locale) ? locale : Locales.English);
        return DemographicAssignment.CanonicalOrder(completed)
            .Select(category => Category(category, !audience.Distributions.ContainsKey(category), completed.Distributions[category], panelSize))
            .ToArray();
    }

    private static CategoryQuotas Category(string category, bool isDefault, IReadOnlyDictionary<string, double> shares, int panelSize)
    {
        var sum = shares.Values.Sum();
        if (panelSize < 0 || shares.Count == 0 || shares.Values.Any(share => !double.IsFinite(share) || share < 0) || sum <= 0)
        {
            return new CategoryQuotas(category, isDefault, []);
        }

        var counts = QuotaAllocator.Allocate(shares, panelSize);
        return new CategoryQuotas(category, isDefault, shares.Select(share => new QuotaCell(share.Key, share.Value / sum, counts[share.Key])).ToArray());
    }
}

using MarketResearch.Domain.Projects;

namespace MarketResearch.Domain.Personas;

/// <summary>One audience value: how many saved personas have it against how many the target asks for.</summary>
public sealed record CellFit(string Value, int Observed, double Expected, double TargetShare, double ObservedShare);

/// <summary>
/// Pearson's goodness of fit for one category. Personas whose value is missing, unknown to the target or
/// targeted at zero are off target: they count in the panel size but in no cell, so they worsen the fit.
/// A category with one targeted value has no degrees of freedom (p-value 1); read its off-target count instead.
/// </summary>
public sealed record CategoryFit(
    string Category,
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    double MaxAbsoluteShareDeviation,
    int OffTargetCount,
    IReadOnlyList<CellFit> Cells);

/// <summary>
/// The whole panel's fit. The overall statistic sums the categories' statistics and degrees of freedom,
/// which treats the marginals as independent tests — an approximation, since one persona sits in every category.
/// </summary>
public sealed record PanelFitReport(
    int PanelSize,
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    double MaxAbsoluteShareDeviation,
    IReadOnlyList<CategoryFit> Categories);

/// <summary>
/// Measures how well the saved personas match the target audience, category by category.
/// An empty panel has nothing to test: statistic 0 and p-value 1.
/// </summary>
public static class PanelFit
{
    public static PanelFitReport Measure(IReadOnlyList<PersonaDemographics> personas, TargetAudience target)
    {
        var categories = DemographicAssignment.CanonicalOrder(target)
            .Select(category => MeasureCategory(personas, category, target.Distributions[category]))
            .ToArray();
        var chiSquare = categories.Sum(category => category.ChiSquare);
        var degreesOfFreedom = categories.Sum(category => category.DegreesOfFreedom);
        return new PanelFitReport(
            personas.Count,
            chiSquare,
            degreesOfFreedom,
            ChiSquare.UpperTail(chiSquare, degreesOfFreedom),
            categories.Select(category => category.MaxAbsoluteShareDeviation).DefaultIfEmpty(0).Max(),
            categories);
    }

    public static CategoryFit MeasureCategory(IReadOnlyList<PersonaDemographics> personas, string category, IReadOnlyDictionary<string, double> shares)
    {
        var size = personas.Count;
        var totalWeight = shares.Values.Sum();
        var observed = personas
            .Select(persona => persona[category])
            .OfType<string>()
            .GroupBy(value => value, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var cells = shares
            .Where(share => share.Value > 0)
            .Select(share => Cell(share.Key, observed.GetValueOrDefault(share.Key), share.Value / totalWeight, size))
            .ToArray();
        var chiSquare = size == 0 ? 0 : cells.Sum(cell => Math.Pow(cell.Observed - cell.Expected, 2) / cell.Expected);
        var degreesOfFreedom = Math.Max(0, cells.Length - 1);
        return new CategoryFit(
            category,
            chiSquare,
            degreesOfFreedom,
            ChiSquare.UpperTail(chiSquare, degreesOfFreedom),
            cells.Select(cell => Math.Abs(cell.ObservedShare - cell.TargetShare)).DefaultIfEmpty(0).Max(),
            size - cells.Sum(cell => cell.Observed),
            cells);
    }

    private static CellFit Cell(string value, int observed, double targetShare, int size) =>
        new(value, observed, targetShare * size, targetShare, size == 0 ? 0 : (double)observed / size);
}

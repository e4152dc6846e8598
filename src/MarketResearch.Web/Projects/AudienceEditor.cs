using System.Globalization;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.Web.Projects;

/// <summary>
/// The audience builder's editable state: per category, whether the researcher targets it and the weights of its
/// values as percentages. Untargeted categories fall back to the locale's defaults, exactly as generation does.
/// </summary>
public sealed class AudienceEditor
{
    private const double Percent = 100;
    private const int PercentDecimals = 2;

    public string? Description { get; set; }

    public IReadOnlyList<CategoryEditor> Categories { get; } =
        AudienceCategories.All.Select(category => new CategoryEditor(category)).ToArray();

    public static AudienceEditor From(AudienceDetails? audience, string locale)
    {
        var editor = new AudienceEditor { Description = audience?.Description };
        foreach (var category in editor.Categories)
        {
            if (audience?.Distributions?.TryGetValue(category.Category, out var weights) == true)
            {
                category.Enabled = true;
                category.Rows.AddRange(weights.Select(weight => new WeightRow { Label = weight.Key, Percent = Math.Round(weight.Value * Percent, PercentDecimals) }));
            }
            else
            {
                category.ResetTo(AudienceDefaults.For(category.Category, locale));
            }
        }

        return editor;
    }

    /// <summary>The audience as the API takes it: targeted categories only, weights as shares of 1.</summary>
    public AudienceDraft ToDraft() => new(
        Categories.Where(category => category.Enabled).ToDictionary(
            category => category.Category,
            category => (Dictionary<string, double>?)category.Rows
                .GroupBy(row => row.Label ?? string.Empty, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Sum(row => (row.Percent ?? 0) / Percent), StringComparer.Ordinal),
            StringComparer.Ordinal),
        Description);
}

public sealed class CategoryEditor(string category)
{
    private const double Whole = 100;
    private const int NormalisedDecimals = 1;

    public string Category { get; } = category;
    public bool Enabled { get; set; }
    public List<WeightRow> Rows { get; } = [];

    public double TotalPercent => Rows.Sum(row => row.Percent ?? 0);

    public string Title => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Category);

    /// <summary>Values named twice would merge silently in the draft, so the builder reports them itself.</summary>
    public string? DuplicateError => Rows.GroupBy(row => (row.Label ?? string.Empty).Trim(), StringComparer.Ordinal)
        .Where(group => group.Key.Length > 0 && group.Count() > 1)
        .Select(group => $"The value '{group.Key}' appears more than once.")
        .FirstOrDefault();

    public void ResetTo(IReadOnlyDictionary<string, double> shares)
    {
        Rows.Clear();
        Rows.AddRange(shares.Select(share => new WeightRow { Label = share.Key, Percent = Math.Round(share.Value * Whole, NormalisedDecimals) }));
    }

    /// <summary>Scales the weights to add up to 100 %, the last value absorbing the rounding.</summary>
    public void Normalise()
    {
        var total = TotalPercent;
        if (total <= 0 || Rows.Count == 0)
        {
            return;
        }

        foreach (var row in Rows)
        {
            row.Percent = Math.Round((row.Percent ?? 0) / total * Whole, NormalisedDecimals);
        }

        Rows[^1].Percent = Math.Round(Whole - Rows.Take(Rows.Count - 1).Sum(row => row.Percent ?? 0), NormalisedDecimals);
    }
}

public sealed class WeightRow
{
    public string? Label { get; set; }
    public double? Percent { get; set; }
}

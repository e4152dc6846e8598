using MarketResearch.Domain.Projects;

namespace MarketResearch.Domain.Personas;

/// <summary>
/// Plans a persona panel: archetypes, then demographics by exact quotas, then traits and names.
/// Pure and deterministic: the same request always gives the same plan, because every step draws from its own
/// seeded stream and iterates in a canonical order.
/// </summary>
public static class PanelPlanner
{
    public const int MinCount = 1;
    public const int MaxCount = 1000;

    /// <summary>Every problem with the request, keyed by the field a client sent ("count", "skews.openness").</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(PanelRequest request)
    {
        var errors = new FieldErrors();
        Check(request, errors);
        return errors.ToDictionary();
    }

    /// <summary>Plans the panel; throws <see cref="ArgumentException"/> for a request <see cref="Validate"/> rejects.</summary>
    public static PanelPlan Plan(PanelRequest request)
    {
        var errors = new FieldErrors();
        var skews = Check(request, errors);
        if (!errors.IsEmpty)
        {
            var fields = string.Join(", ", errors.ToDictionary().Keys);
            throw new ArgumentException($"The panel request is invalid ({fields}); validate it first.", nameof(request));
        }

        var audience = AudienceDefaults.Complete(request.Audience, request.Locale);
        var archetypes = AdversarialMix.Assign(request.Count, request.Adversarial ?? AdversarialOptions.Off, request.Seed);
        var demographics = DemographicAssignment.Assign(audience, archetypes, request.Seed);
        var names = PersonaNames.Assign(demographics.Select(persona => persona[AudienceCategories.Gender]).ToArray(), request.Locale, request.Seed);
        var blueprints = Enumerable.Range(0, request.Count)
            .Select(slot => new PersonaBlueprint(
                slot,
                demographics[slot],
                TraitSampler.Sample(request.Locale, skews, archetypes[slot], SeededRandom.For(request.Seed, "traits", slot)),
                names[slot],
                archetypes[slot],
                SeededRandom.DeriveSeed(request.Seed, "persona", slot)))
            .ToArray();
        return new PanelPlan(audience, blueprints);
    }

    private static TraitSkews Check(PanelRequest request, FieldErrors errors)
    {
        if (request.Count is < MinCount or > MaxCount)
        {
            errors.Add("count", $"A panel has {MinCount} to {MaxCount} personas.");
        }

        if (!Locales.All.Contains(request.Locale, StringComparer.Ordinal))
        {
            errors.Add("locale", $"The locale must be one of: {string.Join(", ", Locales.All)}.");
        }

        foreach (var (category, shares) in request.Audience.Distributions)
        {
            if (shares.Count == 0 || shares.Values.Any(share => !double.IsFinite(share) || share < 0) || shares.Values.Sum() <= 0)
            {
                errors.Add($"audience.distributions.{category}", "A category needs finite, non-negative weights with a positive sum.");
            }
        }

        request.Adversarial?.Validate(errors, "adversarial");
        return TraitSkews.Parse(request.Skews, errors);
    }
}

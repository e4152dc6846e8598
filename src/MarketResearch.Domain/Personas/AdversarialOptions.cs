namespace MarketResearch.Domain.Personas;

/// <summary>
/// Which share of the panel each adversarial archetype takes when adversarial mode is on; the rest are standard personas.
/// </summary>
public sealed record AdversarialOptions(
    bool Enabled,
    double ExtremeTraitShare = AdversarialOptions.DefaultShare,
    double ContrarianShare = AdversarialOptions.DefaultShare,
    double DevilsAdvocateShare = AdversarialOptions.DefaultShare,
    double EdgeCaseShare = AdversarialOptions.DefaultShare)
{
    /// <summary>Ten percent each leaves 60% of the panel typical, so the panel still speaks for the audience.</summary>
    public const double DefaultShare = 0.10;

    public static AdversarialOptions Off { get; } = new(Enabled: false);

    public static AdversarialOptions On { get; } = new(Enabled: true);

    /// <summary>Each adversarial archetype with its requested share and the field name a client used for it.</summary>
    public IReadOnlyList<(PersonaArchetype Archetype, double Share, string Field)> Shares =>
    [
        (PersonaArchetype.ExtremeTrait, ExtremeTraitShare, "extremeTraitShare"),
        (PersonaArchetype.Contrarian, ContrarianShare, "contrarianShare"),
        (PersonaArchetype.DevilsAdvocate, DevilsAdvocateShare, "devilsAdvocateShare"),
        (PersonaArchetype.EdgeCase, EdgeCaseShare, "edgeCaseShare"),
    ];

    public void Validate(FieldErrors errors, string prefix)
    {
        foreach (var (_, share, field) in Shares)
        {
            if (!double.IsFinite(share) || share is < 0 or > 1)
            {
                errors.Add($"{prefix}.{field}", "A share must be between 0 and 1.");
            }
        }

        // Summing only the valid shares still reports an overfull mix next to a share that is itself wrong.
        var total = Shares.Where(entry => double.IsFinite(entry.Share) && entry.Share is >= 0 and <= 1).Sum(entry => entry.Share);
        if (total > 1)
        {
            errors.Add(prefix, $"Adversarial shares may sum to at most 1; they sum to {total:0.###}.");
        }
    }
}

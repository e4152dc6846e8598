using MarketResearch.Domain.Projects;

namespace MarketResearch.Domain.Personas;

/// <summary>
/// What a panel is planned from. Skews are keyed by camelCase trait name ("openness") as clients send them;
/// a request without a seed should be given a random one by the caller and the seed stored, so it can be replayed.
/// </summary>
public sealed record PanelRequest(
    TargetAudience Audience,
    string Locale,
    int Count,
    long Seed,
    AdversarialOptions? Adversarial = null,
    IReadOnlyDictionary<string, double>? Skews = null);

/// <summary>
/// A planned panel. <see cref="Audience"/> is the audience actually planned for, with locale defaults filled in
/// for categories the researcher left out; measure the saved panel's fit against it.
/// </summary>
public sealed record PanelPlan(TargetAudience Audience, IReadOnlyList<PersonaBlueprint> Blueprints);

namespace MarketResearch.Api.Personas;

/// <summary>
/// A persona on a list page: everything a gallery card or a participant picker shows, without the ≈ 2 KB profile
/// (only its headline) or the citations, which GET /api/v1/personas/{id} returns. Pages stay small to read, cache and send.
/// Settable properties so EF Core can order and page on the projection.
/// </summary>
public sealed record PersonaListItem
{
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    public Guid JobId { get; init; }
    public string Name { get; init; } = string.Empty;
    public string Locale { get; init; } = string.Empty;
    public IReadOnlyDictionary<string, string> Demographics { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, double> Traits { get; init; } = new Dictionary<string, double>();
    public string Archetype { get; init; } = string.Empty;

    /// <summary>The profile's one-line headline, read by Postgres from the jsonb (<c>profile ->> 'headline'</c>).</summary>
    public string? Headline { get; init; }

    public string GeneratedBy { get; init; } = string.Empty;
    public DateTimeOffset CreatedAt { get; init; }
}

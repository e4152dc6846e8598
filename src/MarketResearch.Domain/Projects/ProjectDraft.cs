namespace MarketResearch.Domain.Projects;

/// <summary>What a client sends to create or replace a project; unvalidated until <see cref="ProjectDraftValidator"/> says so.</summary>
public sealed record ProjectDraft(
    string? Name,
    string? Description = null,
    string? Objectives = null,
    string? Locale = null,
    AudienceDraft? Audience = null);

/// <summary>The audience part of a <see cref="ProjectDraft"/>: category → value → weight.</summary>
public sealed record AudienceDraft(
    Dictionary<string, Dictionary<string, double>?>? Distributions = null,
    string? Description = null);

namespace MarketResearch.Web.Api;

/// <summary>One page of an API list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

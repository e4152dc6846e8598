namespace MarketResearch.Domain.Personas;

/// <summary>One persona's demographic profile: audience category → the value it was assigned.</summary>
public sealed class PersonaDemographics : IEquatable<PersonaDemographics>
{
    private readonly Dictionary<string, string> _values;

    public PersonaDemographics(IEnumerable<KeyValuePair<string, string>> values) =>
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The value for a category, or null when the persona has none (e.g. saved before the category existed).</summary>
    public string? this[string category] => _values.GetValueOrDefault(category);

    public bool Equals(PersonaDemographics? other) =>
        other is not null
        && _values.Count == other._values.Count
        && _values.All(entry => other._values.TryGetValue(entry.Key, out var value) && value == entry.Value);

    public override bool Equals(object? obj) => Equals(obj as PersonaDemographics);

    public override int GetHashCode() =>
        _values.Aggregate(0, (hash, entry) => hash ^ HashCode.Combine(entry.Key, entry.Value));

    public override string ToString() => string.Join(", ", _values.Select(entry => $"{entry.Key}={entry.Value}"));
}

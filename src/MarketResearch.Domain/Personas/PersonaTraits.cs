namespace MarketResearch.Domain.Personas;

/// <summary>A persona's score, 0..1, on every <see cref="PersonaTrait"/>.</summary>
public sealed class PersonaTraits : IEquatable<PersonaTraits>
{
    private readonly double[] _scores;

    public PersonaTraits(IReadOnlyDictionary<PersonaTrait, double> scores)
    {
        _scores = PersonaTraitNames.All.Select(trait => scores[trait]).ToArray();
        if (_scores.Any(score => !double.IsFinite(score) || score is < 0 or > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(scores), "Trait scores lie between 0 and 1.");
        }
    }

    public double this[PersonaTrait trait] => _scores[(int)trait];

    /// <summary>Rebuilds saved scores keyed by camelCase name, e.g. to measure a saved panel's spread.</summary>
    public static PersonaTraits FromNames(IReadOnlyDictionary<string, double> scores) =>
        new(PersonaTraitNames.All.ToDictionary(trait => trait, trait => scores[PersonaTraitNames.Name(trait)]));

    /// <summary>Scores keyed by the camelCase trait name, the shape stored and sent to clients.</summary>
    public IReadOnlyDictionary<string, double> ByName() =>
        PersonaTraitNames.All.ToDictionary(PersonaTraitNames.Name, trait => this[trait], StringComparer.Ordinal);

    public bool Equals(PersonaTraits? other) => other is not null && _scores.AsSpan().SequenceEqual(other._scores);

    public override bool Equals(object? obj) => Equals(obj as PersonaTraits);

    public override int GetHashCode() => _scores.Aggregate(0, (hash, score) => HashCode.Combine(hash, score));

    public override string ToString() => string.Join(", ", ByName().Select(entry => $"{entry.Key}={entry.Value}"));
}

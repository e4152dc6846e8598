namespace MarketResearch.Domain.Personas;

/// <summary>Shifts of trait centres a researcher asked for, e.g. "a more open audience than average".</summary>
public sealed class TraitSkews
{
    /// <summary>Half the scale: enough to move a centre to either end, never past it.</summary>
    public const double MaxShift = 0.5;

    private readonly Dictionary<PersonaTrait, double> _shifts;

    private TraitSkews(Dictionary<PersonaTrait, double> shifts) => _shifts = shifts;

    public static TraitSkews None { get; } = new([]);

    public double this[PersonaTrait trait] => _shifts.GetValueOrDefault(trait);

    /// <summary>Reads skews keyed by camelCase trait name; every bad entry becomes a "skews.{name}" field error.</summary>
    public static TraitSkews Parse(IReadOnlyDictionary<string, double>? requested, FieldErrors errors)
    {
        var shifts = new Dictionary<PersonaTrait, double>();
        foreach (var (name, shift) in requested ?? new Dictionary<string, double>())
        {
            var field = $"skews.{name}";
            if (!PersonaTraitNames.TryParse(name, out var trait))
            {
                errors.Add(field, $"Unknown trait. Known traits: {string.Join(", ", PersonaTraitNames.All.Select(PersonaTraitNames.Name))}.");
            }
            else if (!double.IsFinite(shift) || Math.Abs(shift) > MaxShift)
            {
                errors.Add(field, $"A skew must be between {-MaxShift} and {MaxShift}.");
            }
            else
            {
                shifts[trait] = shift;
            }
        }

        return new TraitSkews(shifts);
    }
}

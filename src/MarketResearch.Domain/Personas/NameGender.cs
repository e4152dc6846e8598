namespace MarketResearch.Domain.Personas;

/// <summary>The grammatical gender a persona's name is written in.</summary>
public enum NameGender
{
    Female,
    Male,
}

/// <summary>Reads the researcher's gender labels, in English or Polish, to pick the matching name forms.</summary>
public static class GenderLabels
{
    private static readonly HashSet<string> Female = new(
        ["female", "woman", "women", "f", "kobieta", "kobiety", "k"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Male = new(
        ["male", "man", "men", "m", "mężczyzna", "mężczyźni"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The name gender for a label, or null for labels such as "non-binary" that imply neither.</summary>
    public static NameGender? Recognise(string? label) =>
        label is null ? null
        : Female.Contains(label.Trim()) ? NameGender.Female
        : Male.Contains(label.Trim()) ? NameGender.Male
        : null;
}

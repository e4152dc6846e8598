namespace MarketResearch.Domain;

/// <summary>Collects validation messages per field, in the shape RFC 9457 validation problems carry.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>How many fields have at least one message.</summary>
    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public void AddIfTooLong(string field, string? text, int maxLength)
    {
        if (text is not null && text.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters are allowed.");
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), StringComparer.Ordinal);
}

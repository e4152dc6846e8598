namespace MarketResearch.Domain.FocusGroups;

/// <summary>
/// Resolves the names a persona mentions ("agrees with Anna Nowak", "disagrees with Jan") to participants' ids:
/// the full name first, then a first name that only one participant has. Unknown, ambiguous and own names are dropped.
/// </summary>
public sealed class ParticipantNames
{
    private readonly Dictionary<string, Guid> _fullNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Guid?> _firstNames = new(StringComparer.OrdinalIgnoreCase);

    public ParticipantNames(IEnumerable<(Guid Id, string Name)> participants)
    {
        foreach (var (id, name) in participants)
        {
            var full = Normalize(name);
            _fullNames.TryAdd(full, id);
            var first = full.Split(' ')[0];
            // Two participants with the same first name: that name alone identifies nobody.
            _firstNames[first] = _firstNames.TryGetValue(first, out var existing) && existing != id ? null : id;
        }
    }

    public IReadOnlyList<Guid> Resolve(IEnumerable<string>? names, Guid self)
    {
        var ids = new List<Guid>();
        foreach (var name in names ?? [])
        {
            var normalized = Normalize(name);
            Guid? id = _fullNames.TryGetValue(normalized, out var full) ? full
                : _firstNames.TryGetValue(normalized.Split(' ')[0], out var first) ? first
                : null;
            if (id is { } found && found != self && !ids.Contains(found))
            {
                ids.Add(found);
            }
        }

        return ids;
    }

    private static string Normalize(string name) =>
        string.Join(' ', name.Trim().TrimStart('@').Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

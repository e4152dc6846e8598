using System.Globalization;
using MarketResearch.Domain;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using Microsoft.Extensions.Primitives;

namespace MarketResearch.Api.Personas;

/// <summary>An inclusive range of one trait's score, either end open.</summary>
public sealed record TraitRange(PersonaTrait Trait, double? Min, double? Max);

/// <summary>
/// The gallery's filters on a project's personas, read from the query string: <c>archetype</c> (alias <c>segment</c>),
/// a demographic value per audience category (<c>age</c>, <c>gender</c>, <c>location</c>, <c>education</c>, <c>income</c>,
/// <c>occupation</c>; repeat a parameter for "any of"), <c>jobId</c> for one panel, and <c>minOpenness</c>/<c>maxOpenness</c>
/// style trait ranges on the 0..1 scale. Unknown parameters are errors, so a typo never silently returns everything.
/// </summary>
public sealed record PersonaFilter(
    IReadOnlyList<string> Archetypes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Demographics,
    IReadOnlyList<TraitRange> Traits,
    Guid? JobId)
{
    /// <summary>Longest demographic value a filter may name (the column's values are audience labels).</summary>
    public const int MaxValueLength = 200;

    /// <summary>Values one parameter may list; more is not a gallery filter.</summary>
    public const int MaxValuesPerParameter = 20;

    /// <summary>How much of a rejected value an error message echoes.</summary>
    private const int EchoLength = 40;

    private static readonly HashSet<string> PagingParameters = new(["limit", "cursor"], StringComparer.OrdinalIgnoreCase);

    public static PersonaFilter None { get; } = new([], new Dictionary<string, IReadOnlyList<string>>(), [], null);

    public bool IsEmpty => Archetypes.Count == 0 && Demographics.Count == 0 && Traits.Count == 0 && JobId is null;

    /// <summary>A stable text of the filter, the same for the same filter in any parameter order: part of cache keys.</summary>
    public string CacheKey() => string.Join('&',
        Archetypes.Order(StringComparer.Ordinal).Select(value => $"archetype={value}")
            .Concat(Demographics.OrderBy(entry => entry.Key, StringComparer.Ordinal)
                .SelectMany(entry => entry.Value.Order(StringComparer.Ordinal).Select(value => $"{entry.Key}={Uri.EscapeDataString(value)}")))
            .Concat(Traits.OrderBy(range => range.Trait).Select(range => string.Create(CultureInfo.InvariantCulture, $"{range.Trait}={range.Min}..{range.Max}")))
            .Concat(JobId is { } job ? [$"job={job:N}"] : []));

    public static bool TryParse(IEnumerable<KeyValuePair<string, StringValues>> query, out PersonaFilter filter, out IReadOnlyDictionary<string, string[]> errors)
    {
        var problems = new FieldErrors();
        var archetypes = new List<string>();
        var demographics = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var ranges = new Dictionary<PersonaTrait, (double? Min, double? Max)>();
        Guid? jobId = null;
        foreach (var (name, values) in query)
        {
            var texts = values.OfType<string>().ToArray();
            if (PagingParameters.Contains(name))
            {
                continue;
            }

            if (texts.Length > MaxValuesPerParameter)
            {
                problems.Add(name, $"At most {MaxValuesPerParameter} values are allowed.");
            }
            else if (name.Equals("archetype", StringComparison.OrdinalIgnoreCase) || name.Equals("segment", StringComparison.OrdinalIgnoreCase))
            {
                archetypes.AddRange(ParseArchetypes(name, texts, problems));
            }
            else if (AudienceCategories.All.FirstOrDefault(category => category.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } category)
            {
                // ASP.NET Core merges "Age" and "age"; other sources may not, so merge here too.
                demographics[category] = [.. demographics.GetValueOrDefault(category, []).Concat(ParseValues(name, texts, problems)).Distinct(StringComparer.Ordinal)];
            }
            else if (name.Equals("jobId", StringComparison.OrdinalIgnoreCase))
            {
                jobId = texts.Length == 1 && Guid.TryParse(texts[0], out var id) ? id : Report<Guid?>(problems, name, "jobId must be one panel's job id (a GUID).");
            }
            else if (TryParseTraitBound(name, out var trait, out var isMin))
            {
                var bound = texts.Length == 1 && double.TryParse(texts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
                    ? value
                    : Report<double?>(problems, name, "Trait bounds are one number between 0 and 1.");
                var range = ranges.GetValueOrDefault(trait);
                ranges[trait] = isMin ? range with { Min = bound } : range with { Max = bound };
            }
            else
            {
                problems.Add(name, $"Unknown filter. Use archetype, {string.Join(", ", AudienceCategories.All)}, jobId, or min/max plus a trait name (e.g. minOpenness).");
            }
        }

        foreach (var (trait, range) in ranges.Where(entry => entry.Value.Min > entry.Value.Max))
        {
            problems.Add($"min{char.ToUpperInvariant(PersonaTraitNames.Name(trait)[0])}{PersonaTraitNames.Name(trait)[1..]}", "The minimum is above the maximum.");
        }

        errors = problems.ToDictionary();
        filter = new PersonaFilter(
            archetypes.Distinct(StringComparer.Ordinal).ToArray(),
            demographics,
            ranges.Where(entry => entry.Value.Min is not null || entry.Value.Max is not null)
                .Select(entry => new TraitRange(entry.Key, entry.Value.Min, entry.Value.Max)).ToArray(),
            jobId);
        return problems.IsEmpty;
    }

    private static IEnumerable<string> ParseArchetypes(string name, string[] texts, FieldErrors problems)
    {
        foreach (var text in texts)
        {
            if (Enum.TryParse<PersonaArchetype>(text, ignoreCase: true, out var archetype) && Enum.IsDefined(archetype) && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
            {
                yield return archetype.ToString();
            }
            else
            {
                problems.Add(name, $"'{Truncate(text)}' is not an archetype. Use one of: {string.Join(", ", Enum.GetNames<PersonaArchetype>())}.");
            }
        }
    }

    private static string[] ParseValues(string name, string[] texts, FieldErrors problems)
    {
        foreach (var text in texts.Where(text => string.IsNullOrWhiteSpace(text) || text.Length > MaxValueLength))
        {
            problems.Add(name, $"Values are non-empty and at most {MaxValueLength} characters ('{Truncate(text)}').");
        }

        return texts.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>"minOpenness" → (Openness, min); "maxUncertaintyAvoidance" → (UncertaintyAvoidance, max).</summary>
    private static bool TryParseTraitBound(string name, out PersonaTrait trait, out bool isMin)
    {
        trait = default;
        isMin = name.StartsWith("min", StringComparison.OrdinalIgnoreCase);
        var isMax = name.StartsWith("max", StringComparison.OrdinalIgnoreCase);
        return (isMin || isMax) && name.Length > 3 && PersonaTraitNames.TryParse(name[3..], out trait);
    }

    private static T? Report<T>(FieldErrors problems, string name, string message)
    {
        problems.Add(name, message);
        return default;
    }

    private static string Truncate(string text) => text.Length <= EchoLength ? text : $"{text[..EchoLength]}…";
}

using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace MarketResearch.AI.PromptTemplates;

/// <summary>
/// A prompt kept as a versioned text file (an embedded resource named <c>{name}.v{version}.txt</c>), not as a string
/// in code: changing the wording means adding a new version, so answers stay traceable to the prompt that made them.
/// <c>{{placeholder}}</c> marks a value; a line whose placeholders all render empty is left out.
/// </summary>
public sealed partial class PromptTemplate
{
    private static readonly ConcurrentDictionary<(Assembly, string, int), PromptTemplate> Loaded = new();
    private readonly string _text;

    private PromptTemplate(string name, int version, string text)
    {
        Name = name;
        Version = version;
        _text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        Placeholders = Placeholder().Matches(_text).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    public int Version { get; }

    /// <summary>What is stored next to a result, e.g. <c>persona-profile/v1</c>.</summary>
    public string Id => $"{Name}/v{Version}";

    public IReadOnlySet<string> Placeholders { get; }

    /// <summary>Loads <c>{name}.v{version}.txt</c> embedded in <paramref name="assembly"/> (any folder).</summary>
    public static PromptTemplate Load(Assembly assembly, string name, int version) =>
        Loaded.GetOrAdd((assembly, name, version), key =>
        {
            var suffix = $".{key.Item2}.v{key.Item3}.txt";
            var resource = key.Item1.GetManifestResourceNames().SingleOrDefault(candidate => candidate.EndsWith(suffix, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"No prompt template '{key.Item2}' version {key.Item3} is embedded in {key.Item1.GetName().Name}.");
            using var stream = key.Item1.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return new PromptTemplate(key.Item2, key.Item3, reader.ReadToEnd());
        });

    /// <summary>Fills every placeholder; a missing or unknown value is a programming error and throws.</summary>
    public string Render(IReadOnlyDictionary<string, string?> values)
    {
        var unknown = values.Keys.Where(key => !Placeholders.Contains(key)).ToList();
        var missing = Placeholders.Where(key => !values.ContainsKey(key)).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            throw new ArgumentException($"Prompt {Id}: missing [{string.Join(", ", missing)}], unknown [{string.Join(", ", unknown)}].", nameof(values));
        }

        var lines = new List<string>();
        foreach (var line in _text.Split('\n'))
        {
            var names = Placeholder().Matches(line).Select(match => match.Groups[1].Value).ToList();
            if (names.Count > 0 && names.All(name => string.IsNullOrWhiteSpace(values[name])))
            {
                continue;
            }

            lines.Add(Placeholder().Replace(line, match => values[match.Groups[1].Value]?.TrimEnd('\n') ?? string.Empty));
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"\{\{([a-z][a-zA-Z0-9]*)\}\}")]
    private static partial Regex Placeholder();
}

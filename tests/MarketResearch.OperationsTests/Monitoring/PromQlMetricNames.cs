using System.Text.RegularExpressions;

namespace MarketResearch.OperationsTests.Monitoring;

/// <summary>Finds the metric names a PromQL expression selects (not functions, labels or keywords).</summary>
internal static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    public static IReadOnlySet<string> In(string expression)
    {
        // Strip what may contain identifiers that are not metrics: strings, label matchers, ranges, grouping labels.
        var stripped = StringLiteral().Replace(expression, " ");
        stripped = LabelMatchers().Replace(stripped, " ");
        stripped = RangeSelector().Replace(stripped, " ");
        stripped = GroupingClause().Replace(stripped, " ");

        return Identifier().Matches(stripped)
            .Where(match => !Keywords.Contains(match.Value))
            .Where(match => !IsCall(stripped, match.Index + match.Length))
            .Select(match => match.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsCall(string text, int end)
    {
        var next = text.AsSpan(end).TrimStart();
        return next.Length > 0 && next[0] == '(';
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeSelector();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex GroupingClause();

    // Not preceded by a word character, dot or $, so numbers like 1e6 and Grafana variables are skipped.
    [GeneratedRegex(@"(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}

using System.Text;
using System.Text.RegularExpressions;

namespace MarketResearch.AI.Structured;

/// <summary>
/// Mends the faults models commonly wrap JSON in: markdown code fences, prose around the JSON, single-quoted
/// strings and trailing commas. It only rewrites outside string literals, so content is never altered.
/// </summary>
public static partial class JsonRepair
{
    public const string StrippedCodeFence = "stripped code fence";
    public const string ExtractedFromText = "extracted JSON from surrounding text";
    public const string ConvertedSingleQuotes = "converted single quotes";
    public const string RemovedTrailingCommas = "removed trailing commas";

    /// <summary>The repaired text and the names of the repairs applied, in order.</summary>
    public static (string Json, IReadOnlyList<string> Repairs) Repair(string reply)
    {
        var repairs = new List<string>();
        var text = reply.Trim().TrimStart('\uFEFF');

        if (CodeFence().Match(text) is { Success: true } fence)
        {
            text = fence.Groups["body"].Value.Trim();
            repairs.Add(StrippedCodeFence);
        }

        var extracted = OutermostValue(text);
        if (extracted != text)
        {
            text = extracted;
            repairs.Add(ExtractedFromText);
        }

        Apply(ref text, ConvertSingleQuotes, ConvertedSingleQuotes, repairs);
        Apply(ref text, DropTrailingCommas, RemovedTrailingCommas, repairs);
        return (text, repairs);
    }

    private static void Apply(ref string text, Func<string, string> repair, string name, List<string> repairs)
    {
        var repaired = repair(text);
        if (repaired != text)
        {
            text = repaired;
            repairs.Add(name);
        }
    }

    /// <summary>From the first '{' or '[' to its matching bracket (or the end, if the reply was cut off).</summary>
    private static string OutermostValue(string text)
    {
        var start = text.IndexOfAny(['{', '[']);
        if (start < 0)
        {
            return text;
        }

        var depth = 0;
        char? quote = null;
        for (var index = start; index < text.Length; index++)
        {
            var current = text[index];
            if (quote is not null)
            {
                if (current == '\\')
                {
                    index++;
                }
                else if (current == quote)
                {
                    quote = null;
                }
            }
            else if (current is '"' or '\'')
            {
                quote = current;
            }
            else if (current is '{' or '[')
            {
                depth++;
            }
            else if (current is '}' or ']' && --depth == 0)
            {
                return text[start..(index + 1)];
            }
        }

        return text[start..];
    }

    private static string ConvertSingleQuotes(string text)
    {
        var output = new StringBuilder(text.Length);
        char? quote = null;
        for (var index = 0; index < text.Length; index++)
        {
            var current = text[index];
            if (quote is null)
            {
                quote = current is '"' or '\'' ? current : null;
                output.Append(current == '\'' ? '"' : current);
            }
            else if (current == '\\' && index + 1 < text.Length)
            {
                var next = text[++index];

                // Inside a single-quoted string \' is just an apostrophe; everything else keeps its escape.
                output.Append(quote == '\'' && next == '\'' ? "'" : $"\\{next}");
            }
            else if (current == quote)
            {
                quote = null;
                output.Append('"');
            }
            else
            {
                output.Append(quote == '\'' && current == '"' ? "\\\"" : current.ToString());
            }
        }

        return output.ToString();
    }

    private static string DropTrailingCommas(string text)
    {
        var output = new StringBuilder(text.Length);
        var inString = false;
        for (var index = 0; index < text.Length; index++)
        {
            var current = text[index];
            if (inString)
            {
                output.Append(current);
                if (current == '\\' && index + 1 < text.Length)
                {
                    output.Append(text[++index]);
                }
                else if (current == '"')
                {
                    inString = false;
                }

                continue;
            }

            inString = current == '"';
            var rest = text.AsSpan(index + 1).TrimStart();
            if (current == ',' && (rest.IsEmpty || rest[0] is '}' or ']'))
            {
                continue;
            }

            output.Append(current);
        }

        return output.ToString();
    }

    [GeneratedRegex(@"```[a-zA-Z]*\s*(?<body>.*?)(?:```|$)", RegexOptions.Singleline)]
    private static partial Regex CodeFence();
}

namespace MarketResearch.OperationsTests.Containers;

/// <summary>A Dockerfile read as build stages of instructions, enough to lint it without a Docker engine.</summary>
internal sealed record Dockerfile(IReadOnlyList<BuildStage> Stages)
{
    public static Dockerfile Parse(string text)
    {
        var stages = new List<BuildStage>();
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var alias = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new BuildStage(words.FirstOrDefault() ?? "", alias, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        return new Dockerfile(stages);
    }

    private static IEnumerable<Instruction> Instructions(string text)
    {
        var pending = "";
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // A trailing backslash continues the instruction on the next line.
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = pending + line;
            pending = "";
            var split = whole.IndexOf(' ', StringComparison.Ordinal);
            yield return split < 0
                ? new Instruction(whole.ToUpperInvariant(), "")
                : new Instruction(whole[..split].ToUpperInvariant(), whole[(split + 1)..].Trim());
        }
    }
}

internal sealed record BuildStage(string Image, string? Alias, List<Instruction> Instructions);

internal sealed record Instruction(string Keyword, string Arguments)
{
    public bool IsCopyFromStage => Keyword == "COPY" && Arguments.StartsWith("--from=", StringComparison.Ordinal);

    /// <summary>COPY sources: every word but the flags and the destination.</summary>
    public IReadOnlyList<string> CopySources()
    {
        var words = Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToArray();
        return words.Length < 2 ? [] : words[..^1];
    }

    public override string ToString() => $"{Keyword} {Arguments}";
}

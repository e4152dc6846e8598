namespace MarketResearch.OperationsTests.Containers;

/// <summary>Our rules for service images, checked offline: each problem is one readable sentence.</summary>
internal static class DockerfileLint
{
    private static readonly string[] RootUsers = ["root", "0", "0:0", "root:root"];

    public static IReadOnlyList<string> Problems(string text, ServiceImage image)
    {
        var dockerfile = Dockerfile.Parse(text);
        var problems = new List<string>();
        if (dockerfile.Stages.Count < 2)
        {
            problems.Add("It is not multi-stage: the SDK and the source would ship in the image.");
        }

        problems.AddRange(dockerfile.Stages.SelectMany(stage => BaseImageProblems(stage, dockerfile.Stages)));
        if (dockerfile.Stages.Count > 0)
        {
            problems.AddRange(RuntimeStageProblems(dockerfile.Stages[^1], image));
        }

        var build = dockerfile.Stages.FirstOrDefault(stage => stage.Instructions.Exists(IsRestore));
        if (build is null)
        {
            problems.Add("No stage runs `dotnet restore` on its own, so every code change downloads the packages again.");
        }
        else
        {
            problems.AddRange(RestoreLayerProblems(build, image));
        }

        return problems;
    }

    private static IEnumerable<string> BaseImageProblems(BuildStage stage, IReadOnlyList<BuildStage> stages)
    {
        if (stages.Any(earlier => earlier.Alias == stage.Image) || stage.Image.Contains('@', StringComparison.Ordinal))
        {
            yield break;
        }

        var name = stage.Image[(stage.Image.LastIndexOf('/') + 1)..];
        var tag = name.Contains(':', StringComparison.Ordinal) ? name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..] : null;
        if (tag is null)
        {
            yield return $"FROM {stage.Image} has no tag: builds would change under us.";
        }
        else if (tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"FROM {stage.Image} uses the latest tag: builds would change under us.";
        }
    }

    private static IEnumerable<string> RuntimeStageProblems(BuildStage runtime, ServiceImage image)
    {
        if (runtime.Image.Contains("/dotnet/sdk", StringComparison.Ordinal))
        {
            yield return "The final stage is the SDK image: compilers and package caches would ship.";
        }

        if (!runtime.Image.Contains("chiseled", StringComparison.Ordinal))
        {
            yield return $"The final stage {runtime.Image} is not a chiseled image (no shell, no package manager, non-root).";
        }
        else if (image.NeedsIcu && !runtime.Image.Contains("chiseled-extra", StringComparison.Ordinal))
        {
            yield return $"InvariantGlobalization is off, so the runtime needs ICU: use a chiseled-extra image, not {runtime.Image}.";
        }

        var user = runtime.Instructions.LastOrDefault(instruction => instruction.Keyword == "USER")?.Arguments;
        if (user is null || RootUsers.Contains(user, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"The final stage runs as {user ?? "its image's default user"}: set USER to a non-root user ($APP_UID).";
        }

        var entrypoint = runtime.Instructions.LastOrDefault(instruction => instruction.Keyword == "ENTRYPOINT");
        if (entrypoint is null || !entrypoint.Arguments.StartsWith('['))
        {
            yield return "The ENTRYPOINT must be in exec form [\"dotnet\", \"X.dll\"]: a chiseled image has no shell.";
        }

        foreach (var needsShell in runtime.Instructions.Where(instruction => instruction.Keyword is "RUN" or "HEALTHCHECK"))
        {
            yield return $"`{needsShell}` in the final stage needs a shell a chiseled image lacks; probes belong to the orchestrator.";
        }
    }

    private static IEnumerable<string> RestoreLayerProblems(BuildStage build, ServiceImage image)
    {
        var restoreAt = build.Instructions.FindIndex(IsRestore);
        var beforeRestore = build.Instructions.Take(restoreAt).Where(instruction => instruction.Keyword == "COPY").ToList();
        var afterRestore = build.Instructions.Skip(restoreAt + 1).Where(instruction => instruction.Keyword == "COPY").ToList();

        foreach (var source in beforeRestore.SelectMany(copy => copy.CopySources()).Where(source => !IsRestoreInput(source)))
        {
            yield return $"COPY {source} comes before `dotnet restore`: only project and props files may, or code changes bust the package layer.";
        }

        var copiedForRestore = beforeRestore.SelectMany(copy => copy.CopySources()).ToHashSet(StringComparer.Ordinal);
        var copiedAfterRestore = afterRestore.SelectMany(copy => copy.CopySources()).Select(source => source.TrimEnd('/')).ToList();
        foreach (var project in image.ProjectFiles)
        {
            if (!copiedForRestore.Contains(project))
            {
                yield return $"{project} is not copied before `dotnet restore`, so its packages are not restored.";
            }

            var folder = project[..project.LastIndexOf('/')];
            if (!copiedAfterRestore.Exists(source => source is "." || folder == source || folder.StartsWith(source + "/", StringComparison.Ordinal)))
            {
                yield return $"The source folder {folder}/ is never copied after `dotnet restore`.";
            }
        }
    }

    private static bool IsRestore(Instruction instruction) =>
        instruction.Keyword == "RUN" && instruction.Arguments.Contains("dotnet restore", StringComparison.Ordinal);

    private static bool IsRestoreInput(string source)
    {
        var name = source[(source.LastIndexOf('/') + 1)..];
        return name.EndsWith(".csproj", StringComparison.Ordinal)
            || name.EndsWith(".props", StringComparison.Ordinal)
            || name.EndsWith(".targets", StringComparison.Ordinal)
            || name.Equals("global.json", StringComparison.Ordinal)
            || name.Equals("nuget.config", StringComparison.OrdinalIgnoreCase);
    }
}

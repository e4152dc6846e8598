using System.Xml.Linq;
using MarketResearch.OperationsTests.Infrastructure;

namespace MarketResearch.OperationsTests.Containers;

/// <summary>What a service's Dockerfile must provide for: its project and every project it references.</summary>
internal sealed record ServiceImage(string Project, IReadOnlyCollection<string> ProjectFiles, bool NeedsIcu)
{
    public string DockerfilePath => Repository.PathOf("src", Project, "Dockerfile");

    public static ServiceImage For(string project)
    {
        var projectFile = Repository.PathOf("src", project, $"{project}.csproj");
        return new ServiceImage(project, ReferenceClosure(projectFile).Select(RelativeToRoot).Order().ToList(), GlobalizationNeedsIcu());
    }

    private static HashSet<string> ReferenceClosure(string projectFile)
    {
        var closure = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(projectFile)]);
        while (pending.TryPop(out var current))
        {
            if (!closure.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
            }
        }

        return closure;
    }

    /// <summary>With invariant globalization off the runtime loads ICU, which only the chiseled-extra images ship.</summary>
    private static bool GlobalizationNeedsIcu()
    {
        var setting = XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("InvariantGlobalization").LastOrDefault();
        return !string.Equals(setting?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }

    private static string RelativeToRoot(string path) => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');
}

namespace MarketResearch.DeploymentTests.Infrastructure;

/// <summary>Paths inside the repository checkout the tests were built from.</summary>
internal static class Repository
{
    private const string SolutionFile = "MarketResearch.sln";

    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The committed snapshot of deploy/publish.sh.</summary>
    public static string Generated(params string[] parts) => PathOf(["deploy", "generated", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}

using System.Text.RegularExpressions;
using System.Xml.Linq;
using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Workflows;

/// <summary>Dependabot proposes one pull request per package family, for every ecosystem the repository uses.</summary>
public sealed class DependabotTests
{
    private static readonly DependabotConfig Config = new(YamlDocuments.LoadOne(Repository.PathOf(".github", "dependabot.yml")));

    [Fact]
    public void NuGet_updates_are_grouped_by_family()
    {
        var groups = Config.Ecosystem("nuget")["groups"].Entries().Select(group => group.Key).ToList();

        Assert.Equal(["aspire", "microsoft-extensions-aspnetcore-efcore", "opentelemetry", "test"], groups);
    }

    [Fact]
    public void Every_nuget_group_matches_packages_we_use_and_families_stay_together()
    {
        var packages = XDocument.Load(Repository.PathOf("Directory.Packages.props")).Descendants("PackageVersion")
            .Select(package => package.Attribute("Include")!.Value).ToList();
        var groups = Config.Ecosystem("nuget")["groups"].Entries()
            .Select(group => (group.Key, Patterns: group.Value!["patterns"].Items().Select(pattern => pattern.Text()).ToList())).ToList();

        // Dependabot puts a package in the first group whose pattern matches it.
        string? GroupOf(string package) => groups.FirstOrDefault(group => group.Patterns.Any(pattern => Matches(pattern, package))).Key;

        Assert.All(groups, group => Assert.Contains(packages, package => GroupOf(package) == group.Key));
        Assert.All(packages.Where(package => package.StartsWith("Aspire.", StringComparison.Ordinal)), package => Assert.Equal("aspire", GroupOf(package)));
        Assert.All(packages.Where(package => package.StartsWith("OpenTelemetry.", StringComparison.Ordinal)), package => Assert.Equal("opentelemetry", GroupOf(package)));
        Assert.All(packages.Where(package => package.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || package.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)),
            package => Assert.Equal("microsoft-extensions-aspnetcore-efcore", GroupOf(package)));
        Assert.Equal("test", GroupOf("xunit"));
        Assert.Equal("test", GroupOf("coverlet.collector"));
    }

    [Fact]
    public void Actions_and_base_images_are_updated_too_and_every_folder_named_exists()
    {
        Assert.NotNull(Config.Ecosystem("github-actions")["groups"]);
        var docker = Config.Ecosystem("docker");
        var folders = docker["directories"].Items().Select(folder => folder.Text().TrimStart('/')).ToList();
        var dockerfileFolders = Directory.EnumerateFiles(Repository.PathOf("src"), "Dockerfile", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Repository.Root, Path.GetDirectoryName(path)!).Replace('\\', '/')).Order();

        Assert.Equal(dockerfileFolders, folders.Order());
        Assert.All(Config.Root["updates"].Items(), update =>
        {
            var named = update["directory"] is { } one ? [one.Text()] : update["directories"].Items().Select(folder => folder.Text());
            Assert.All(named, folder => Assert.True(Directory.Exists(Repository.PathOf(folder.TrimStart('/'))), $"{folder} does not exist"));
            Assert.NotNull(update["groups"]);
        });
    }

    private static bool Matches(string pattern, string package) =>
        Regex.IsMatch(package, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);

    private sealed class DependabotConfig(System.Text.Json.Nodes.JsonObject root)
    {
        public System.Text.Json.Nodes.JsonObject Root { get; } = root;

        public System.Text.Json.Nodes.JsonNode Ecosystem(string name) =>
            Root["updates"].Items().Single(update => update["package-ecosystem"].Text() == name);
    }
}

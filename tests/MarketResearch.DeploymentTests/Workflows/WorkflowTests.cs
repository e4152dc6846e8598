using System.Text.RegularExpressions;
using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Workflows;

/// <summary>The CI workflows parse, have jobs with steps, and every file they name exists in the repository.</summary>
public sealed partial class WorkflowTests
{
    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Repository.PathOf(".github", "workflows")).Where(path => path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal)).Order())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Fact]
    public void There_is_at_least_one_workflow() => Assert.NotEmpty(Workflows());

    [Theory]
    [MemberData(nameof(Workflows))]
    public void A_workflow_is_well_formed_with_triggers_and_jobs_that_have_steps(string file)
    {
        var workflow = YamlDocuments.LoadOne(Repository.PathOf(".github", "workflows", file));

        Assert.NotNull(workflow["on"]);
        var jobs = workflow["jobs"].Entries().ToList();
        Assert.NotEmpty(jobs);
        foreach (var (name, job) in jobs)
        {
            Assert.False(string.IsNullOrEmpty(job?["runs-on"].Text()), $"job {name} has no runs-on");
            Assert.All(job!["steps"].Items(), step =>
                Assert.True(step["run"] is not null || step["uses"] is not null, $"job {name} has a step that neither runs nor uses anything"));
            Assert.NotEmpty(job["steps"].Items());
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_script_project_or_file_a_workflow_names_exists(string file)
    {
        var workflow = YamlDocuments.LoadOne(Repository.PathOf(".github", "workflows", file));
        var steps = workflow["jobs"].Entries().SelectMany(job => job.Value!["steps"].Items()).ToList();

        var named = steps.SelectMany(step => ReferencedPaths(step["run"].Text()))
            .Concat(steps.SelectMany(step => step["with"].Entries())
                .Where(input => input.Key.EndsWith("-file", StringComparison.Ordinal))
                .Select(input => input.Value.Text()))
            .ToList();

        Assert.All(named, path => Assert.True(File.Exists(Repository.PathOf(path)) || Directory.Exists(Repository.PathOf(path)),
            $"{file} names {path}, which is not in the repository"));
    }

    [Fact]
    public void Path_extraction_finds_scripts_and_projects_in_run_steps()
    {
        var paths = ReferencedPaths("./test.sh && dotnet build MarketResearch.sln --no-restore\nbash deploy/publish.sh --x=1 && dotnet test tests/A/A.csproj");
        Assert.Equal(["test.sh", "MarketResearch.sln", "deploy/publish.sh", "tests/A/A.csproj"], paths);
    }

    /// <summary>Relative paths of scripts, solutions and projects in a run step's text.</summary>
    private static IEnumerable<string> ReferencedPaths(string script) =>
        RepositoryPath().Matches(script).Select(match => match.Groups["path"].Value);

    [GeneratedRegex(@"(?<![\w/.$-])(?:\./)?(?<path>[\w.-]+(?:/[\w.-]+)*\.(?:sh|sln|slnx|csproj|ps1|mjs|py|runsettings))\b")]
    private static partial Regex RepositoryPath();
}

using System.Text.Json.Nodes;
using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Workflows;

/// <summary>One GitHub workflow file as JSON nodes, with the lookups the workflow tests need.</summary>
internal sealed class Workflow(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public static Workflow Load(string file) => new(YamlDocuments.LoadOne(Repository.PathOf(".github", "workflows", file)));

    public JsonNode Job(string name) => Root["jobs"]?[name] ?? throw new InvalidOperationException($"No job {name}.");

    public static IEnumerable<JsonNode> Steps(JsonNode job) => job["steps"].Items();

    /// <summary>The steps that use an action, whatever version they pin.</summary>
    public static IEnumerable<JsonNode> StepsUsing(JsonNode job, string action) =>
        Steps(job).Where(step => step["uses"].Text().StartsWith(action + "@", StringComparison.Ordinal));

    public static JsonNode StepRunning(JsonNode job, string command) =>
        Steps(job).SingleOrDefault(step => step["run"].Text().Contains(command, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No step runs {command}.");
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MarketResearch.DeploymentTests.Infrastructure;

namespace MarketResearch.DeploymentTests.Compose;

/// <summary>The committed compose snapshot and the facts the checks need about it.</summary>
internal static partial class ComposeFile
{
    public static readonly string[] DataStores = ["postgres", "redis", "graph"];
    public static readonly string[] DotNetServices = ["api", "worker", "web", "migrations"];

    public static string PathOf(string file = "docker-compose.yml") => Repository.Generated("compose", file);

    public static string Text { get; } = File.ReadAllText(PathOf());

    public static JsonObject Document { get; } = YamlDocuments.Parse(Text).Single();

    public static IEnumerable<KeyValuePair<string, JsonNode?>> Services => Document["services"].Entries();

    public static JsonNode Service(string name) => Document["services"]![name] ?? throw new Xunit.Sdk.XunitException($"compose has no service '{name}'");

    /// <summary>One-shots run to completion (restart "no"); everything else runs for good.</summary>
    public static bool IsOneShot(JsonNode service) => service["restart"].Text() == "no";

    /// <summary>Every ${NAME...} compose interpolates ($${...} is a literal dollar for the container's shell).</summary>
    public static IReadOnlySet<string> InterpolatedVariables(string text) =>
        Interpolation().Matches(text).Select(match => match.Groups["name"].Value).ToHashSet();

    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Z0-9_]+)")]
    private static partial Regex Interpolation();
}

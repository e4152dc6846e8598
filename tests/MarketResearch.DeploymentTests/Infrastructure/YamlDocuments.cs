using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace MarketResearch.DeploymentTests.Infrastructure;

/// <summary>Reads YAML as JSON nodes, which are easy to walk; every scalar stays the text it was written as.</summary>
internal static class YamlDocuments
{
    public static IReadOnlyList<JsonObject> Load(string path) => Parse(File.ReadAllText(path));

    public static IReadOnlyList<JsonObject> Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents
            .Where(document => document.RootNode is YamlMappingNode)
            .Select(document => (JsonObject)ToJson(document.RootNode)!)
            .ToList();
    }

    public static JsonObject LoadOne(string path) => Load(path).Single();

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => scalar.Value is null ? null : JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };

    public static string Text(this JsonNode? node) => node?.GetValue<string>() ?? "";

    public static IEnumerable<JsonNode> Items(this JsonNode? node) => node is JsonArray array ? array.OfType<JsonNode>() : [];

    public static IEnumerable<KeyValuePair<string, JsonNode?>> Entries(this JsonNode? node) => node is JsonObject map ? map : [];

    public static string Show(this JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
}

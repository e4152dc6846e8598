using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MarketResearch.OperationsTests.Monitoring;

/// <summary>The parts of Prometheus rule files and promtool rule tests that the checks read.</summary>
internal static class RuleFiles
{
    public static string AlertsPath { get; } = Infrastructure.Repository.Monitoring("prometheus", "alerts.yml");

    public static string AlertTestsPath { get; } = Infrastructure.Repository.Monitoring("prometheus", "alerts.test.yml");

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    public static IReadOnlyList<AlertRule> Alerts() =>
        Yaml.Deserialize<RuleFile>(File.ReadAllText(AlertsPath)).Groups
            .SelectMany(group => group.Rules)
            .Where(rule => rule.Alert is not null)
            .ToList();

    public static IReadOnlyList<AlertRuleTest> AlertTests() =>
        Yaml.Deserialize<RuleTestFile>(File.ReadAllText(AlertTestsPath)).Tests
            .SelectMany(test => test.AlertRuleTest)
            .ToList();

    public static T Deserialize<T>(string path) => Yaml.Deserialize<T>(File.ReadAllText(path));
}

internal sealed class RuleFile
{
    public List<RuleGroup> Groups { get; set; } = [];
}

internal sealed class RuleGroup
{
    public List<AlertRule> Rules { get; set; } = [];
}

internal sealed class AlertRule
{
    public string? Alert { get; set; }

    public string Expr { get; set; } = "";

    public Dictionary<string, string> Labels { get; set; } = [];

    public Dictionary<string, string> Annotations { get; set; } = [];

    public override string ToString() => Alert ?? Expr;
}

internal sealed class RuleTestFile
{
    public List<RuleTestGroup> Tests { get; set; } = [];
}

internal sealed class RuleTestGroup
{
    public List<AlertRuleTest> AlertRuleTest { get; set; } = [];
}

internal sealed class AlertRuleTest
{
    public string Alertname { get; set; } = "";

    /// <summary>Empty or missing means the test expects the alert to stay silent.</summary>
    public List<Dictionary<string, object>>? ExpAlerts { get; set; }
}

using System.Text;
using System.Text.Json;
using MarketResearch.OperationsTests.Infrastructure;

namespace MarketResearch.OperationsTests.Monitoring;

public sealed class DashboardTests
{
    private static readonly string[] ExpectedDashboards =
        ["application-performance.json", "business.json", "database.json", "llm-usage.json", "system.json"];

    public static TheoryData<string> DashboardFiles => new(ExpectedDashboards);

    [Fact]
    public void The_five_dashboards_are_provisioned()
    {
        Assert.Equal(ExpectedDashboards, Dashboards.Files().Select(Path.GetFileName));
    }

    [Fact]
    public void Every_dashboard_has_its_own_uid_and_title()
    {
        var dashboards = ExpectedDashboards.Select(Dashboards.Load).ToList();

        var uids = dashboards.Select(dashboard => dashboard.GetProperty("uid").GetString()).ToList();
        var titles = dashboards.Select(Dashboards.Title).ToList();
        Assert.Equal(uids.Count, uids.Distinct().Count());
        Assert.Equal(titles.Count, titles.Distinct().Count());
        Assert.DoesNotContain(titles, string.IsNullOrWhiteSpace);
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void Every_panel_queries_known_metrics_through_the_provisioned_datasource(string file)
    {
        var datasourceUid = ProvisionedDatasourceUid();
        var panels = Dashboards.Panels(Dashboards.Load(file)).Where(panel => panel.GetProperty("type").GetString() != "row").ToList();

        Assert.NotEmpty(panels);
        Assert.All(panels, panel =>
        {
            var title = Dashboards.Title(panel);
            var targets = Dashboards.Targets(panel).ToList();
            Assert.True(targets.Count > 0, $"Panel '{title}' has no query.");
            foreach (var target in targets)
            {
                Assert.Equal(datasourceUid, target.GetProperty("datasource").GetProperty("uid").GetString());
                var metrics = PromQlMetricNames.In(target.GetProperty("expr").GetString() ?? "");
                Assert.True(metrics.Count > 0, $"Panel '{title}' has a query that selects no metric.");
                var unknown = metrics.Where(metric => !KnownMetrics.Names.Contains(metric)).ToList();
                Assert.True(unknown.Count == 0, $"Panel '{title}' queries unknown metrics: {string.Join(", ", unknown)}.");
            }
        });
    }

    [Fact]
    public async Task Every_query_is_valid_promql()
    {
        // promtool parses recording rules, so every panel query becomes one; a syntax error names the rule.
        var rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        foreach (var file in ExpectedDashboards)
        {
            foreach (var (panel, index) in Dashboards.Panels(Dashboards.Load(file)).Select((panel, index) => (panel, index)))
            {
                foreach (var target in Dashboards.Targets(panel))
                {
                    var expression = Dashboards.WithVariablesResolved(target.GetProperty("expr").GetString() ?? "");
                    rules.Append("      - record: ").Append(RecordName(file, index, target)).Append('\n')
                        .Append("        expr: ").Append(JsonSerializer.Serialize(expression)).Append('\n');
                }
            }
        }

        var scratch = Directory.CreateTempSubdirectory("dashboards-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(scratch.FullName, "queries.yml"), rules.ToString());

            var result = await CommandLineTool.Promtool.RunAsync(scratch.FullName, "check", "rules", "--lint=none", "queries.yml");

            result.AssertSucceeded();
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static string RecordName(string file, int panelIndex, JsonElement target) =>
        $"dashboard:{Path.GetFileNameWithoutExtension(file).Replace('-', '_')}:panel{panelIndex}:{target.GetProperty("refId").GetString()}";

    private static string ProvisionedDatasourceUid()
    {
        var provisioning = RuleFiles.Deserialize<DatasourceProvisioning>(
            Repository.Monitoring("grafana", "provisioning", "datasources", "prometheus.yml"));
        return Assert.Single(provisioning.Datasources).Uid;
    }
}

internal sealed class DatasourceProvisioning
{
    public List<ProvisionedDatasource> Datasources { get; set; } = [];
}

internal sealed class ProvisionedDatasource
{
    public string Uid { get; set; } = "";
}

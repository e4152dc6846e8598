using MarketResearch.OperationsTests.Infrastructure;

namespace MarketResearch.OperationsTests.Monitoring;

public sealed class AlertRuleTests
{
    private static readonly string PrometheusFolder = Repository.Monitoring("prometheus");

    public static TheoryData<string> AlertNames => new(RuleFiles.Alerts().Select(alert => alert.Alert!));

    [Fact]
    public async Task Alert_rules_pass_promtool_check_with_lint_errors_fatal()
    {
        var result = await CommandLineTool.Promtool.RunAsync(PrometheusFolder, "check", "rules", "--lint=all", "--lint-fatal", "alerts.yml");

        result.AssertSucceeded();
    }

    [Fact]
    public async Task Alert_rule_unit_tests_pass()
    {
        var result = await CommandLineTool.Promtool.RunAsync(PrometheusFolder, "test", "rules", "alerts.test.yml");

        result.AssertSucceeded();
    }

    [Fact]
    public async Task The_unit_tests_catch_a_broken_threshold()
    {
        // Proves the harness fails for real: the same tests against a rule whose threshold is off by ten.
        var scratch = Directory.CreateTempSubdirectory("alerts-");
        try
        {
            var alerts = await File.ReadAllTextAsync(RuleFiles.AlertsPath);
            Assert.Contains("> 0.05", alerts, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(scratch.FullName, "alerts.yml"), alerts.Replace("> 0.05", "> 0.5", StringComparison.Ordinal));
            File.Copy(RuleFiles.AlertTestsPath, Path.Combine(scratch.FullName, "alerts.test.yml"));

            var result = await CommandLineTool.Promtool.RunAsync(scratch.FullName, "test", "rules", "alerts.test.yml");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("alertname: HighErrorRate", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Every_alert_has_a_test_where_it_fires_and_one_where_it_stays_silent(string alert)
    {
        var tests = RuleFiles.AlertTests().Where(test => test.Alertname == alert).ToList();

        Assert.True(tests.Exists(test => test.ExpAlerts is { Count: > 0 }), $"No test in alerts.test.yml expects {alert} to fire.");
        Assert.True(tests.Exists(test => test.ExpAlerts is null or { Count: 0 }), $"No test in alerts.test.yml expects {alert} to stay silent.");
    }

    [Fact]
    public void Every_rule_test_names_an_alert_that_exists()
    {
        // promtool passes a silent-case test for a misspelt alert name, so the name itself is checked here.
        var alerts = RuleFiles.Alerts().Select(alert => alert.Alert).ToHashSet();

        Assert.All(RuleFiles.AlertTests(), test => Assert.Contains(test.Alertname, alerts));
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Every_alert_has_a_severity_a_summary_a_description_and_a_runbook_that_exists(string alert)
    {
        var rule = RuleFiles.Alerts().Single(rule => rule.Alert == alert);

        Assert.Contains(rule.Labels.GetValueOrDefault("severity"), new[] { "critical", "warning" });
        Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("summary")), "summary is missing");
        Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("description")), "description is missing");
        Assert.Equal($"{Runbooks.Document}#{alert.ToLowerInvariant()}", rule.Annotations.GetValueOrDefault("runbook_url"));
        Assert.True(Runbooks.Anchors().Contains(alert.ToLowerInvariant()), $"{Runbooks.Document} has no runbook heading '#### {alert}'.");
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Every_alert_selects_only_known_metrics(string alert)
    {
        var rule = RuleFiles.Alerts().Single(rule => rule.Alert == alert);

        var metrics = PromQlMetricNames.In(rule.Expr);

        Assert.NotEmpty(metrics);
        Assert.All(metrics, metric => Assert.Contains(metric, KnownMetrics.Names));
    }
}

using System.Text.RegularExpressions;
using MarketResearch.OperationsTests.Infrastructure;

namespace MarketResearch.OperationsTests.Monitoring;

public sealed partial class AlertmanagerConfigTests
{
    private static readonly string AlertmanagerFolder = Repository.Monitoring("alertmanager");

    [Fact]
    public async Task The_configuration_passes_amtool_check_config()
    {
        var result = await CommandLineTool.Amtool.RunAsync(AlertmanagerFolder, "check-config", "alertmanager.yml");

        result.AssertSucceeded();
    }

    [Theory]
    [InlineData("critical", "on-call")]
    [InlineData("warning", "slack-warnings")]
    [InlineData("info", "slack-warnings")]
    public async Task Alerts_are_routed_by_severity(string severity, string receiver)
    {
        var result = await CommandLineTool.Amtool.RunAsync(
            AlertmanagerFolder, "config", "routes", "test", "--config.file=alertmanager.yml", $"severity={severity}", "alertname=AnyAlert");

        result.AssertSucceeded();
        Assert.Equal(receiver, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Amtool_rejects_what_alertmanager_0_25_does_not_know()
    {
        // Proves the check fails for real, on the very mistake this file avoids (webhook url_file is newer than 0.25).
        var scratch = Directory.CreateTempSubdirectory("alertmanager-");
        try
        {
            var config = await File.ReadAllTextAsync(Path.Combine(AlertmanagerFolder, "alertmanager.yml"));
            var broken = config.Replace("- url: http://", "- url_file: /run/secrets/url\n        foo: http://", StringComparison.Ordinal);
            Assert.NotEqual(config, broken);
            await File.WriteAllTextAsync(Path.Combine(scratch.FullName, "alertmanager.yml"), broken);

            var result = await CommandLineTool.Amtool.RunAsync(scratch.FullName, "check-config", "alertmanager.yml");

            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public void No_secret_is_written_in_the_configuration()
    {
        var config = File.ReadAllText(Path.Combine(AlertmanagerFolder, "alertmanager.yml"));

        Assert.DoesNotMatch(InlineSecret(), config);
        Assert.Contains("slack_api_url_file:", config, StringComparison.Ordinal);
    }

    // Keys that would hold a secret inline; their *_file variants read it from a mounted file instead.
    [GeneratedRegex(@"^\s*-?\s*(slack_api_url|api_url|credentials|password|auth_password|bearer_token|routing_key|service_key)\s*:", RegexOptions.Multiline)]
    private static partial Regex InlineSecret();
}

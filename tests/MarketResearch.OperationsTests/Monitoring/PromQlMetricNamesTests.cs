namespace MarketResearch.OperationsTests.Monitoring;

public sealed class PromQlMetricNamesTests
{
    [Theory]
    [InlineData("sum by (job) (rate(http_server_request_duration_seconds_count{http_response_status_code=~\"5..\"}[5m]))", "http_server_request_duration_seconds_count")]
    [InlineData("histogram_quantile(0.95, sum by (job, le) (rate(job_duration_seconds_bucket[$__rate_interval])))", "job_duration_seconds_bucket")]
    [InlineData("absent(up{job=\"worker\"} == 1) or absent(rate(worker_heartbeats_total[5m]) > 0)", "up", "worker_heartbeats_total")]
    [InlineData("time() - max(backup_last_success_timestamp_seconds) > 26 * 3600", "backup_last_success_timestamp_seconds")]
    [InlineData("max without (instance) (jobs_queued) > 1e2 and on (job) delta(jobs_queued[15m] offset 5m) > 0", "jobs_queued")]
    [InlineData("topk(10, sum by (model, direction) (increase(llm_tokens_total[$__range])))", "llm_tokens_total")]
    public void Finds_the_metrics_and_nothing_else(string expression, params string[] expected)
    {
        Assert.Equal(expected.Order(), PromQlMetricNames.In(expression).Order());
    }

    [Fact]
    public void A_misspelt_metric_is_not_a_known_one()
    {
        var metrics = PromQlMetricNames.In("sum(rate(llm_token_total[1h]))");

        Assert.Equal(["llm_token_total"], metrics);
        Assert.DoesNotContain("llm_token_total", KnownMetrics.Names);
    }
}

using MarketResearch.AI.Pipeline;
using MarketResearch.AI.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace MarketResearch.AI.Tests.Pipeline;

/// <summary>The names operators' alerts use, as the Prometheus scrape endpoint of a service really exposes them.</summary>
public sealed class PrometheusExpositionTests
{
    [Fact]
    public async Task The_llm_metrics_appear_under_their_Prometheus_names_with_labels()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Llm:Prices:offline-simulator:InputPerMillionTokens"] = "1";
        builder.Configuration["Llm:Prices:offline-simulator:OutputPerMillionTokens"] = "2";
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("MarketResearch.*").AddPrometheusExporter());
        builder.AddResearchAI();
        await using var app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics");
        await app.StartAsync();

        await app.Services.GetRequiredService<IChatClient>()
            .GetResponseAsync("Describe yourself.", new ChatOptions().WithOperation("persona_profile").WithPersona(Personas.Typical));
        using var http = new HttpClient();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var exposition = await http.GetStringAsync(address + "/metrics");
        await app.StopAsync();

        Assert.Contains("llm_requests_total{", exposition, StringComparison.Ordinal);
        Assert.Contains("model=\"offline-simulator\"", exposition, StringComparison.Ordinal);
        Assert.Contains("operation=\"persona_profile\"", exposition, StringComparison.Ordinal);
        Assert.Contains("outcome=\"success\"", exposition, StringComparison.Ordinal);
        Assert.Contains("llm_tokens_total{", exposition, StringComparison.Ordinal);
        Assert.Contains("direction=\"input\"", exposition, StringComparison.Ordinal);
        Assert.Contains("direction=\"output\"", exposition, StringComparison.Ordinal);
        Assert.Contains("llm_request_duration_seconds_bucket{", exposition, StringComparison.Ordinal);
        Assert.Contains("le=\"120\"", exposition, StringComparison.Ordinal);
        Assert.Contains("llm_cost_usd_total{", exposition, StringComparison.Ordinal);
        Assert.Equal(LlmMetrics.MeterName, ResearchChatPipeline.TelemetrySourceName);
    }
}

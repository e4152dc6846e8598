using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

internal static class OpenTelemetryExtensions
{
    /// <summary>Every meter and activity source of ours starts with this prefix.</summary>
    private const string OurTelemetryPrefix = "MarketResearch.*";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(OurTelemetryPrefix)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(OurTelemetryPrefix)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsOperationalRequest(context.Request.Path))
                .AddHttpClientInstrumentation());

        // The OTLP exporter is on only where an endpoint is configured (the Aspire dashboard, a collector).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Probes and scrapes arrive every few seconds; tracing them would drown real requests.</summary>
    private static bool IsOperationalRequest(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(ServiceDefaultsExtensions.MetricsPath);
}
